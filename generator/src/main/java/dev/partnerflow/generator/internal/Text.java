package dev.partnerflow.generator.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A description made regular: URLs and e-mail addresses set aside, lower case, numbers in words turned into digits,
 * durations in months or years turned into days, and misspelt words corrected against a vocabulary.
 */
final class Text {
  private static final Pattern URL = Pattern.compile("https?://[^\\s,;\"'<>)]+[^\\s,;\"'<>).]");
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern TOKEN = Pattern.compile("#?[a-z0-9][a-z0-9_\\-]*|[,;.!?:]");
  private static final Map<String, Integer> UNITS = new HashMap<>();
  private static final Map<String, Integer> TENS = new HashMap<>();

  static {
    String[] units = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    for (int i = 0; i < units.length; i++) {
      UNITS.put(units[i], i);
    }
    String[] tens = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    for (int i = 0; i < tens.length; i++) {
      TENS.put(tens[i], 20 + 10 * i);
    }
  }

  final String original;
  final List<String> urls = new ArrayList<>();
  final List<String> emails = new ArrayList<>();
  final List<String> corrections = new ArrayList<>();
  /** The regular form: tokens separated by single spaces. */
  final String normal;

  Text(String description, Vocabulary vocabulary) {
    this.original = description;
    String s = description.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u2014', ',')
        .replace('\u2013', '-');
    s = setAside(URL, s, urls, " xurlx%d ");
    s = setAside(EMAIL, s, emails, " xmailx%d ");
    s = s.toLowerCase(Locale.ROOT);
    s = s.replaceAll("(\\d),(\\d{3})", "$1$2").replaceAll("\\$\\s?(\\d)", "$1");
    s = s.replaceAll("(\\d+(?:\\.\\d+)?)\\s?k\\b", "$1000").replaceAll("\\b(\\d+)\\s?(?:m|million)\\b", "$1000000");
    s = s.replace("e-mail", "email").replace("check-in", "checkin").replace("check in", "checkin")
        .replace("follow-up", "followup").replace("follow up", "followup").replace("re-engage", "reengage")
        .replace("closed-won", "closed won").replace("closed-lost", "closed lost").replace("sign-up", "signup")
        .replace("partner-team", "partnerteam");
    s = s.replaceAll("'s\\b", "").replaceAll("n't\\b", " not").replace("'", " ");
    s = s.replaceAll("\\b(\\d+)-(day|week|month|hour|year|minute)s?\\b", "$1 $2");
    s = s.replaceAll("\\b(\\d+)(d|w|h)\\b", "$1 $2");
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(s);
    while (m.find()) {
      tokens.add(m.group());
    }
    tokens = correct(tokens, vocabulary);
    tokens = numbers(tokens);
    this.normal = durations(String.join(" ", tokens));
  }

  private static String setAside(Pattern pattern, String s, List<String> into, String placeholder) {
    Matcher m = pattern.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(String.format(Locale.ROOT, placeholder, into.size())));
      into.add(m.group());
    }
    m.appendTail(out);
    return out.toString();
  }

  private List<String> correct(List<String> tokens, Vocabulary vocabulary) {
    List<String> out = new ArrayList<>(tokens.size());
    for (String t : tokens) {
      String fixed = vocabulary.correct(t);
      if (!fixed.equals(t)) {
        corrections.add(t + " -> " + fixed);
      }
      out.add(fixed);
    }
    return out;
  }

  /** "thirty" -> 30, "twenty one" / "twenty-one" -> 21, "a week" -> 1 week, "a couple of days" -> 2 days. */
  private static List<String> numbers(List<String> tokens) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      String[] parts = t.split("-");
      if (parts.length == 2 && TENS.containsKey(parts[0]) && UNITS.containsKey(parts[1])) {
        out.add(String.valueOf(TENS.get(parts[0]) + UNITS.get(parts[1])));
        continue;
      }
      if (TENS.containsKey(t)) {
        int value = TENS.get(t);
        if (i + 1 < tokens.size() && UNITS.containsKey(tokens.get(i + 1)) && UNITS.get(tokens.get(i + 1)) < 10) {
          value += UNITS.get(tokens.get(++i));
        }
        out.add(String.valueOf(value));
        continue;
      }
      if (UNITS.containsKey(t) && !(t.equals("one") && i + 1 < tokens.size() && !isUnit(tokens.get(i + 1)))) {
        out.add(String.valueOf(UNITS.get(t)));
        continue;
      }
      if (t.equals("hundred") && !out.isEmpty() && out.get(out.size() - 1).matches("\\d+")) {
        out.set(out.size() - 1, String.valueOf(Integer.parseInt(out.get(out.size() - 1)) * 100));
        continue;
      }
      out.add(t);
    }
    return out;
  }

  private static boolean isUnit(String t) {
    return t.matches("(day|week|month|year|hour|minute)s?");
  }

  private static String durations(String s) {
    s = s.replaceAll("\\b(a|an|one|1) (couple|few) (of )?(day|week|month)s?\\b", "2 $4s");
    s = s.replaceAll("\\b(a|an) (day|week|month|year|hour|fortnight)\\b", "1 $2");
    s = s.replaceAll("\\b(a|one) (half|1/2) (month|year)\\b", "0.5 $3");
    s = s.replaceAll("\\b(\\d+) fortnights?\\b", "$1 fortnight");
    s = s.replaceAll("\\b(?<!\\d )fortnight\\b", "1 fortnight");
    s = s.replaceAll("\\bnext (day|week|month)\\b", "1 $1 later");
    s = s.replaceAll("\\btomorrow\\b", "1 day later");
    s = s.replaceAll("\\b(\\d+) (d|days?)\\b", "$1 days");
    s = s.replaceAll("\\b(\\d+) (w|weeks?|wks?)\\b", "$1 weeks");
    s = s.replaceAll("\\b(\\d+) (h|hours?|hrs?)\\b", "$1 hours");
    s = s.replaceAll("\\b(\\d+) (months?|mos?)\\b", "$1 months");
    s = s.replaceAll("\\b(\\d+) years?\\b", "$1 years");
    s = s.replaceAll("\\b(\\d+) minutes?\\b", "$1 minutes");
    return s.replaceAll("\\s+", " ").trim();
  }

  /** A duration phrase ("7 days", "2 weeks", "1 fortnight", "3 months") in days or hours. */
  record Amount(long value, String unit) {
    long days() {
      return switch (unit) {
        case "weeks" -> value * 7;
        case "fortnight" -> value * 14;
        case "months" -> value * 30;
        case "years" -> value * 365;
        default -> value;
      };
    }

    String iso() {
      return switch (unit) {
        case "hours" -> "PT" + value + "H";
        case "minutes" -> "PT" + value + "M";
        default -> "P" + days() + "D";
      };
    }

    String describe() {
      return value + " " + (value == 1 && unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit);
    }
  }

  static final String AMOUNT = "(\\d+) (days|weeks|hours|months|years|minutes|fortnight)";

  static Amount amount(Matcher m, int numberGroup) {
    return new Amount(Long.parseLong(m.group(numberGroup)), m.group(numberGroup + 1));
  }

  static final Set<String> UNIT_WORDS = Set.of("days", "weeks", "hours", "months", "years", "minutes", "fortnight");
}
