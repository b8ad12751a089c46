package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.internal.Texts;
import dev.partnerflow.core.run.StepAttempt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a step's secrets out of run records: secret fields of the input are replaced, and any secret that a step
 * echoed into its output or error message is cut out as well, whole or in part.
 *
 * <p>A text loses every run of at least {@value #GRAM} characters that also occurs in a secret (so a truncated,
 * split or partly quoted secret is caught, and so is any path or query fragment of a secret URL), and every whole
 * secret of {@value #MIN_SECRET_LENGTH} to {@value #GRAM} - 1 characters. Matching is linear in the length of the
 * text: a rolling hash of its {@value #GRAM}-character windows is looked up among the windows of the secrets, and
 * each hit is verified. Error messages are then capped at {@link Texts#MAX_MESSAGE_CHARS}, secrets or not.
 */
final class Redactor {
  private static final int MIN_SECRET_LENGTH = 4;
  private static final int GRAM = 8;
  private static final long BASE = 1_000_003L;
  private static final long BASE_POW; // BASE^(GRAM-1), to drop the leaving character

  static {
    long p = 1;
    for (int i = 1; i < GRAM; i++) {
      p *= BASE;
    }
    BASE_POW = p;
  }

  private static final Redactor NONE = new Redactor(Set.of(), List.of());

  private final Set<String> secretFields;
  /** Secrets of {@value #MIN_SECRET_LENGTH} to {@value #GRAM} - 1 characters, matched whole. */
  private final List<String> shortSecrets;
  /** Secrets of at least {@value #GRAM} characters, matched by their windows. */
  private final String[] longSecrets;
  private final long[] gramHash;
  private final int[] gramSecret;
  private final int[] gramOffset;
  private final int[] table; // open hash: slot -> first gram index + 1
  private final int[] chain; // gram index -> next gram index + 1 in the same slot
  private final int mask;

  private Redactor(Set<String> secretFields, List<String> secrets) {
    this.secretFields = secretFields;
    List<String> shorts = new ArrayList<>();
    List<String> longs = new ArrayList<>();
    int grams = 0;
    for (String s : secrets) {
      if (s.length() >= GRAM) {
        longs.add(s);
        grams += s.length() - GRAM + 1;
      } else {
        shorts.add(s);
      }
    }
    this.shortSecrets = List.copyOf(shorts);
    this.longSecrets = longs.toArray(String[]::new);
    this.gramHash = new long[grams];
    this.gramSecret = new int[grams];
    this.gramOffset = new int[grams];
    int size = Integer.highestOneBit(Math.max(1, grams) * 2 - 1) << 1;
    this.table = new int[grams == 0 ? 0 : size];
    this.chain = new int[grams];
    this.mask = size - 1;
    int g = 0;
    for (int si = 0; si < longSecrets.length; si++) {
      String s = longSecrets[si];
      long h = hash(s, 0);
      for (int off = 0; off + GRAM <= s.length(); off++) {
        if (off > 0) {
          h = roll(h, s.charAt(off - 1), s.charAt(off + GRAM - 1));
        }
        gramHash[g] = h;
        gramSecret[g] = si;
        gramOffset[g] = off;
        int slot = slot(h);
        chain[g] = table[slot];
        table[slot] = g + 1;
        g++;
      }
    }
  }

  static Redactor of(Set<String> secretFields, Map<String, Object> renderedConfig) {
    if (secretFields.isEmpty()) {
      return NONE;
    }
    List<String> values = new ArrayList<>();
    for (String field : secretFields) {
      collect(renderedConfig.get(field), values);
    }
    return new Redactor(Set.copyOf(secretFields), values);
  }

  private static void collect(Object value, List<String> into) {
    if (value instanceof String s && s.length() >= MIN_SECRET_LENGTH) {
      into.add(s);
    } else if (value instanceof Map<?, ?> m) {
      m.values().forEach(v -> collect(v, into));
    } else if (value instanceof List<?> l) {
      l.forEach(v -> collect(v, into));
    }
  }

  Map<String, Object> input(Map<String, Object> rendered) {
    if (secretFields.isEmpty()) {
      return rendered;
    }
    Map<String, Object> out = new LinkedHashMap<>(rendered);
    for (String field : secretFields) {
      if (out.get(field) != null) {
        out.put(field, StepAttempt.REDACTED);
      }
    }
    return out;
  }

  /** A message with every secret (whole or in part) cut out, then capped at {@link Texts#MAX_MESSAGE_CHARS}. */
  String text(String message) {
    return Texts.capMessage(redact(message));
  }

  Map<String, Object> output(Map<String, Object> output) {
    if (!hasSecrets() || output.isEmpty()) {
      return output;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> cleaned = (Map<String, Object>) scrub(output);
    return cleaned;
  }

  private boolean hasSecrets() {
    return longSecrets.length > 0 || !shortSecrets.isEmpty();
  }

  private Object scrub(Object value) {
    if (value instanceof String s) {
      return redact(s);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(scrub(k)), scrub(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(scrub(v)));
      return out;
    }
    return value;
  }

  /** The text with every range that matches a secret (or a window of one) replaced by one marker. */
  String redact(String text) {
    if (text == null || !hasSecrets() || text.length() < MIN_SECRET_LENGTH) {
      return text;
    }
    // covered[i] > 0 when character i belongs to a match; built as a difference array of range starts and ends
    int[] delta = null;
    if (table.length > 0 && text.length() >= GRAM) {
      long h = hash(text, 0);
      for (int i = 0; i + GRAM <= text.length(); i++) {
        if (i > 0) {
          h = roll(h, text.charAt(i - 1), text.charAt(i + GRAM - 1));
        }
        if (matchesGram(h, text, i)) {
          delta = mark(delta, text.length(), i, i + GRAM);
        }
      }
    }
    for (String secret : shortSecrets) {
      for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
        delta = mark(delta, text.length(), at, at + secret.length());
      }
    }
    if (delta == null) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int depth = 0;
    boolean inside = false;
    for (int i = 0; i < text.length(); i++) {
      depth += delta[i];
      if (depth > 0) {
        if (!inside) {
          out.append(StepAttempt.REDACTED);
          inside = true;
        }
      } else {
        inside = false;
        out.append(text.charAt(i));
      }
    }
    return out.toString();
  }

  private static int[] mark(int[] delta, int length, int from, int to) {
    int[] d = delta == null ? new int[length + 1] : delta;
    d[from]++;
    d[to]--;
    return d;
  }

  private boolean matchesGram(long h, String text, int at) {
    for (int g = table[slot(h)]; g != 0; g = chain[g - 1]) {
      int gi = g - 1;
      if (gramHash[gi] == h && text.regionMatches(at, longSecrets[gramSecret[gi]], gramOffset[gi], GRAM)) {
        return true;
      }
    }
    return false;
  }

  private int slot(long h) {
    long x = h * 0x9E3779B97F4A7C15L;
    return (int) (x ^ (x >>> 32)) & mask;
  }

  private static long hash(String s, int from) {
    long h = 0;
    for (int i = from; i < from + GRAM; i++) {
      h = h * BASE + s.charAt(i);
    }
    return h;
  }

  private static long roll(long h, char leaving, char entering) {
    return (h - leaving * BASE_POW) * BASE + entering;
  }

  @Override
  public String toString() {
    return "Redactor[fields=" + secretFields + ", secrets=" + (longSecrets.length + shortSecrets.size()) + "]";
  }
}
