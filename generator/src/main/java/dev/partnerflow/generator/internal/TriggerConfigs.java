package dev.partnerflow.generator.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the standard triggers' configs: {@code days} for inactivity and renewal, {@code from}/{@code to} for moves. */
final class TriggerConfigs {
  private static final String N = Text.AMOUNT;
  private static final Pattern RENEWAL = Pattern.compile(
      "\\b" + N + " (before|prior to|ahead of|ahead|out from|from|until|of) |\\b(within|in|next) " + N
          + " (of |before )?(the |a |their )?(contract |partner )*renew|\\brenew\\w* (?:[a-z]+ ){0,3}(in|within) "
          + N + "|\\brenew\\w* (is )?" + N + " away");
  private static final Pattern INACTIVE = Pattern.compile(
      "\\b" + N + " (of |without |with no |with zero )?(inactivity|activity|being inactive|inactive|idle|quiet"
          + "|silence|no activity)|\\b(inactive|inactivity|quiet|dormant|activity|idle|silent|active|engaging"
          + "|logged in|dark|engaged)\\w* (for|in|over|during|of|within|after|longer than|more than)"
          + " (the |a |at least )?(last |past )?" + N + "|\\bset to " + N);
  private static final Pattern TRANSITION = Pattern.compile(
      "\\bfrom ([a-z][a-z0-9_-]*)(?: (?:stage|tier|level))? (?:to|into) (?:the )?([a-z][a-z0-9_-]*)"
          + "|\\b(?:to|into|reaches|becomes|becoming|reach|become) (?:the )?([a-z][a-z0-9_-]*)(?: (?:stage|tier|level|status))?"
          + "|\\b(?:out of|leaves|leave) (?:the )?([a-z][a-z0-9_-]*)");
  private static final java.util.Set<String> NOT_A_VALUE = java.util.Set.of("a", "an", "the", "new", "different",
      "another", "any", "next", "higher", "lower", "stage", "tier", "level", "partner", "send", "notify", "email",
      "their", "its", "be", "x", "them", "it");

  private TriggerConfigs() {}

  /** The days of the first number-and-unit pair among a match's groups. */
  static int days(Matcher m) {
    for (int i = 1; i < m.groupCount(); i++) {
      if (m.group(i) != null && m.group(i).matches("\\d+") && m.group(i + 1) != null
          && Text.UNIT_WORDS.contains(m.group(i + 1))) {
        return (int) Math.max(1, Text.amount(m, i).days());
      }
    }
    return 30;
  }

  /**
   * Puts the trigger's config read from the text into {@code config}; returns text to remove from what the steps
   * are read from (a "45 days before renewal" outside the trigger clause), or null.
   */
  static String read(String wire, String whole, String window, Map<String, Object> config) {
    switch (wire) {
      case "contract_renewal_approaching" -> {
        Matcher m = RENEWAL.matcher(whole);
        if (m.find()) {
          config.put("days", days(m));
          return m.group();
        }
        config.put("days", 30);
        return null;
      }
      case "partner_inactive" -> {
        Matcher m = INACTIVE.matcher(window);
        Matcher w = m.find() ? m : INACTIVE.matcher(whole);
        if (w == m || w.find()) {
          config.put("days", days(w));
          return w.group();
        }
        config.put("days", 30);
        return null;
      }
      case "partner_stage_changed", "partner_tier_changed" -> {
        Matcher m = TRANSITION.matcher(window);
        while (m.find()) {
          if (m.group(1) != null && !NOT_A_VALUE.contains(m.group(1)) && !NOT_A_VALUE.contains(m.group(2))) {
            config.put("from", RuleBasedGenerator.capitalize(m.group(1)));
            config.put("to", RuleBasedGenerator.capitalize(m.group(2)));
            return null;
          }
          String to = m.group(3);
          if (to != null && !NOT_A_VALUE.contains(to) && !to.matches("\\d.*")) {
            config.put("to", RuleBasedGenerator.capitalize(to));
            return null;
          }
          String from = m.group(4);
          if (from != null && !NOT_A_VALUE.contains(from)) {
            config.put("from", RuleBasedGenerator.capitalize(from));
            return null;
          }
        }
        if (wire.equals("partner_tier_changed")) {
          Matcher up = Pattern.compile("\\b(upgraded|promoted|moved up|bumped) (to )?([a-z]+)").matcher(window);
          if (up.find() && !NOT_A_VALUE.contains(up.group(3))) {
            config.put("to", RuleBasedGenerator.capitalize(up.group(3)));
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }
}
