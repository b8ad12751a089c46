package dev.partnerflow.core.internal;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?" by edit distance. Not public API. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate closest to the input by edit distance (insertions, deletions, substitutions and swaps of two
   * neighbours, ignoring case), when it is close enough to be a likely typo: at most 1 edit for inputs of up to 4
   * characters, 2 up to 8, else a third of the length. Ties go to the first candidate in iteration order.
   */
  public static Optional<String> closest(String input, Collection<String> candidates) {
    if (input == null || input.isEmpty()) {
      return Optional.empty();
    }
    int limit = input.length() <= 4 ? 1 : input.length() <= 8 ? 2 : input.length() / 3;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (candidate == null || candidate.equals(input)) {
        continue;
      }
      if (Math.abs(candidate.length() - input.length()) > limit) {
        continue;
      }
      int d = distance(input.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
      if (d <= limit && d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The text " did you mean 'x'?" (with a leading space), or "" when nothing is close. */
  public static String didYouMean(String input, Collection<String> candidates) {
    return closest(input, candidates).map(c -> " did you mean '" + c + "'?").orElse("");
  }

  /** Optimal string alignment distance. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
