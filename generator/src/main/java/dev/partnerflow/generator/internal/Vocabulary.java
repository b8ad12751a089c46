package dev.partnerflow.generator.internal;

import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words a description is read against: the registry's documentation (display names, descriptions, example
 * phrases) plus the generator's own cue words. A word outside it is corrected to the closest cue word when the
 * spelling is near enough (one edit for short words, two for long ones), so "welcme" and "parnter" still read.
 */
final class Vocabulary {
  /** Words the cues depend on; corrections go only to these. */
  private static final String CUES = """
      partner partners manager managers primary contact contacts created create added joined join joins portal
      platform stage tier tiers changed change changes upgraded downgraded promoted inactive inactivity quiet dormant
      activity silent idle agreement signed signs countersigns certification certified certificate completed
      complete completes finishes training course module renewal renews renew approaching contract expires payment
      paid payout commission deal deals registered registers registration approved approves accepted declined
      declines rejected denied closed won lost loses mdf market development fund request submitted submits
      application applies apply applied manual manually demand welcome email emails send sends notify notifies tell
      remind reminder message slack channel post posts webhook crm salesforce hubspot update updates record records
      assign assigns enroll enrol training wait waits delay later after before then otherwise else followup checkin
      congratulate congratulations congratulatory reengage reengagement schedule call thank thanks alert inform
      days weeks months hours years week month day hour year distribution list team internal sales onboarding
      instructions details amount country region value greater more less than above below over under least most
      equals when whenever once every each gold silver platinum bronze active field status mark flag external
      system assigned program programs someone signup added new first logs""";
  /** Common words left alone even though no cue uses them. */
  private static final String COMMON = """
      the a an and or of to for in on at by with from into onto is are was were be been being has have had do does
      did not no yes it its this that these those their them they he she his her our we us you your my me i all any
      some other another same than too very can could should would will shall may might must just also only if but
      so as up down out off again still yet about via per who whom which what where why how there here
      get gets got go goes going make makes made let lets know knows see sees look looks give gives put puts take
      takes ask asks use uses need needs want wants like keep keeps start starts stop stops run runs happen happens
      someone something everyone everything anyone nothing nobody person people time times thing things way ways
      ready soon right away immediately automatically now today next last past always never please kindly
      program hand goes came come comes back hello hi dear""";

  private final Set<String> known = new HashSet<>();
  private final List<String> cues = new ArrayList<>();

  Vocabulary(NodeTypeRegistry registry) {
    for (String w : CUES.split("\\s+")) {
      if (!w.isBlank()) {
        known.add(w);
        cues.add(w);
      }
    }
    for (String w : COMMON.split("\\s+")) {
      if (!w.isBlank()) {
        known.add(w);
      }
    }
    for (NodeType<?> type : registry.types()) {
      NodeDocumentation doc = type.documentation();
      List<String> texts = new ArrayList<>(doc.examplePhrases());
      texts.add(doc.displayName());
      texts.add(doc.description());
      for (String text : texts) {
        for (String w : words(text)) {
          if (known.add(w) && w.length() >= 4) {
            cues.add(w);
          }
        }
      }
    }
  }

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!w.isBlank()) {
        out.add(w);
      }
    }
    return out;
  }

  boolean knows(String word) {
    return known.contains(word) || (word.endsWith("s") && known.contains(word.substring(0, word.length() - 1)))
        || (word.endsWith("ed") && known.contains(word.substring(0, word.length() - 2)))
        || (word.endsWith("ing") && known.contains(word.substring(0, word.length() - 3)));
  }

  /** The word itself when known or not near a cue word; otherwise the nearest cue word. */
  String correct(String word) {
    if (word.length() < 4 || !word.matches("[a-z]+") || knows(word)) {
      return word;
    }
    int allowed = word.length() >= 7 ? 2 : 1;
    String best = word;
    int bestDistance = allowed + 1;
    for (String cue : cues) {
      if (Math.abs(cue.length() - word.length()) > allowed || cue.charAt(0) != word.charAt(0)
          && !(word.length() > 4 && cue.charAt(1) == word.charAt(1))) {
        continue;
      }
      int d = distance(word, cue, bestDistance);
      if (d < bestDistance) {
        bestDistance = d;
        best = cue;
      }
    }
    return best;
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping early past a bound. */
  static int distance(String a, String b, int bound) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int rowMin = Integer.MAX_VALUE;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin >= bound) {
        return bound;
      }
    }
    return d[a.length()][b.length()];
  }
}
