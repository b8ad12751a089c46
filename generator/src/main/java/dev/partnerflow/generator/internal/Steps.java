package dev.partnerflow.generator.internal;

import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the steps part of a description: segments at sequencing words, each a delay, a branch or an action. */
final class Steps {
  private static final String N = Text.AMOUNT;
  private static final Pattern SPLIT = Pattern.compile(
      " (?:,|\\.|;|!|\\?|:|and then|then|after that|afterwards|next|finally|also|plus|steps|lastly)(?= )"
          + "| and (?=(?:also )?(?:send|sends|email|emails|notify|notifies|tell|remind|post|posts|message|assign"
          + "|assigns|enroll|enrol|update|updates|set|sets|mark|marks|call|calls|wait|waits|delay|ping|alert|inform"
          + "|let|schedule|congratulate|thank|add|create|log|flag|tag|reach|follow|followup|checkin|share|push|sync"
          + "|if|otherwise|else|delete|remove|hit|trigger|fire|after|in|\\d+) )");
  private static final Pattern[] DELAYS = {
      Pattern.compile("\\b(wait|waits|waiting|delay|pause|hold)( for| of)?( about| another| a further)? " + N),
      Pattern.compile("\\b(a |an |add a |add an )?" + N + " (delay|wait|pause)"),
      Pattern.compile("\\b" + N + " (later|after|afterwards|from now|on|after that)\\b"),
      Pattern.compile("\\b(after|in|for|within)( another| a further)? " + N),
      Pattern.compile("\\b" + N + " *$")};
  private static final Pattern WAIT_WORD = Pattern.compile("\\b(wait|delay|pause)\\b");
  private static final Pattern IF = Pattern.compile("^ *(?:but |and )?(?:only )?(?:if|in case|provided) (.*)$");
  private static final Pattern OTHERWISE = Pattern.compile(
      "^ *(?:and |but )?(?:otherwise|else|if not|or else|if no|in all other cases)\\b(.*)$");
  private static final Pattern CONDITION = Pattern.compile(
      "^(?:the |a |an |its |their )?(.*?) ?\\b(is not|is no|is over|is more than|is greater than|is above|is bigger"
          + " than|exceeds|is at least|is under|is below|is less than|is smaller than|is at most|is in|is from"
          + "|is based in|comes from|is|are|equals|over|above|under|below|at least|at most|more than|less than"
          + "|greater than|has) (?:the |a |an )?([a-z0-9._-]+)");
  private static final Pattern DESTRUCTIVE = Pattern.compile(
      "\\b(delete|deletes|remove|removes|erase|purge|wipe|destroy|drop|deactivate|terminate|ban|block)\\b");
  private static final Pattern EMAIL_STRONG = Pattern.compile("\\b(email|emails|emailed|mail|inbox|xmailx\\d+)\\b");
  private static final Pattern SLACK = Pattern.compile("\\bslack\\b|#[a-z0-9_-]+");
  private static final Pattern WEBHOOK = Pattern.compile(
      "\\b(webhook|webhooks|crm|salesforce|hubspot|http|api|endpoint|external system|zapier|xurlx\\d+)\\b");
  private static final Pattern TRAINING = Pattern.compile(
      "\\b(assign\\w*|enrol\\w*|enroll\\w*)\\b.*\\b(training|course|module|certification|program|academy|learning)"
          + "|\\b(training|course|module)\\b.*\\bassign|\\b(give|send) (them |the partner )?(the )?\\w* ?(training"
          + "|course|module)");
  private static final Pattern UPDATE = Pattern.compile(
      "\\b(update|updates|set|sets|mark|marks|flag|flags|tag|tags|change|record|log|logs)\\b");
  private static final Pattern EMAIL_WEAK = Pattern.compile(
      "\\b(send|sends|notify|notifies|tell|remind|message|congratulat\\w*|welcome|checkin|followup|let|alert"
          + "|inform|ping|thank|reach out|schedule|contact|note|heads up)\\b");
  private static final Set<String> STANDARD = Set.of("send_email", "send_slack", "webhook", "update_record",
      "assign_training", "delay", "branch");
  private static final Set<String> TRAINING_STOP = Set.of("the", "a", "an", "in", "on", "to", "partner", "partners",
      "contacts", "contact", "assign", "assigns", "enroll", "enrol", "them", "their", "all", "new", "its", "for",
      "primary", "and", "into", "with", "give", "send");

  private static final String TRAINING_WORD = "training|course|module|certification|program|academy";

  record Planned(Node node, String explanation, String shortName) {}

  record Reading(List<Planned> before, Planned branch, List<Planned> whenTrue, List<Planned> whenFalse,
                 List<String> refused) {
    boolean isEmpty() {
      return before.isEmpty() && branch == null;
    }
  }

  private final NodeTypeRegistry registry;
  private final List<NodeType<?>> hostActions = new ArrayList<>();

  Steps(NodeTypeRegistry registry) {
    this.registry = registry;
    for (NodeType<?> type : registry.types()) {
      if (type.kind() != NodeKind.TRIGGER && !STANDARD.contains(type.name())) {
        hostActions.add(type);
      }
    }
    hostActions.sort((a, b) -> a.name().compareTo(b.name()));
  }

  boolean readsAsAction(String part) {
    return EMAIL_STRONG.matcher(part).find() || SLACK.matcher(part).find() || WEBHOOK.matcher(part).find()
        || part.trim().matches("^(send|notify|tell|email|post|assign|update|wait|remind|congratulate|welcome)\\b.*");
  }

  /** Mutable state of one reading. */
  private final class Reader {
    final Text text;
    final List<String> warnings;
    final Map<String, Integer> counters = new TreeMap<>();
    final List<Planned> before = new ArrayList<>();
    final List<Planned> whenTrue = new ArrayList<>();
    final List<Planned> whenFalse = new ArrayList<>();
    final List<String> refused = new ArrayList<>();
    List<Planned> current = before;
    Planned branch;
    List<String> lastRecipients = List.of();

    Reader(Text text, List<String> warnings) {
      this.text = text;
      this.warnings = warnings;
    }

    String id(String type) {
      int n = counters.merge(type, 1, Integer::sum);
      return type + "_" + n;
    }

    void segment(String seg) {
      seg = " " + seg.trim() + " ";
      if (seg.isBlank()) {
        return;
      }
      Matcher otherwise = OTHERWISE.matcher(seg);
      if (branch != null && otherwise.matches()) {
        current = whenFalse;
        seg = " " + otherwise.group(1) + " ";
      }
      Matcher cond = IF.matcher(seg);
      if (cond.matches() && branch == null && registry.find("branch").isPresent()) {
        String rest = condition(cond.group(1));
        if (branch != null) {
          current = whenTrue;
          seg = " " + rest + " ";
        }
      }
      if (DESTRUCTIVE.matcher(seg).find()) {
        refused.add(seg.trim());
        warnings.add("no step type can \"" + RuleBasedGenerator.abbreviate(seg.trim()) + "\"; left out (this"
            + " generator never deletes or removes records)");
        return;
      }
      Integer dueInDays = null;
      if (TRAINING.matcher(seg).find()) {
        Matcher due = Pattern.compile("\\b(due in|due within|within|in|due) " + N).matcher(seg);
        if (due.find()) {
          dueInDays = (int) Text.amount(due, 2).days();
          seg = seg.replace(due.group(), " ");
        }
      }
      for (Pattern p : DELAYS) {
        Matcher m = p.matcher(seg);
        if (m.find()) {
          int g = 1;
          while (!(m.group(g) != null && m.group(g).matches("\\d+") && Text.UNIT_WORDS.contains(m.group(g + 1)))) {
            g++;
          }
          Text.Amount amount = Text.amount(m, g);
          delay(amount);
          seg = seg.replace(m.group(), " ");
          break;
        }
      }
      if (WAIT_WORD.matcher(seg).find() && seg.trim().matches("^(and )?(wait|delay|pause)\\b.*")
          && !EMAIL_STRONG.matcher(seg).find()) {
        warnings.add("\"" + seg.trim() + "\" names no duration; no delay was added for it");
        return;
      }
      action(seg, dueInDays);
    }

    void delay(Text.Amount amount) {
      if (registry.find("delay").isEmpty()) {
        warnings.add("the registry has no 'delay' type; the wait of " + amount.describe() + " was left out");
        return;
      }
      String id = id("delay");
      current.add(new Planned(Node.of(id, "delay", Map.of("duration", amount.iso())),
          "Delay " + amount.describe() + " (" + amount.iso() + ")", "wait " + amount.describe()));
    }

    /** Parses an if-condition; returns the text after it (the action of the true branch). */
    String condition(String s) {
      Matcher m = CONDITION.matcher(s.trim());
      if (!m.find()) {
        warnings.add("could not read the condition \"if " + s.trim() + "\"; no branch was added");
        return s;
      }
      String subject = m.group(1).trim();
      String verb = m.group(2);
      String raw = m.group(3);
      String record = subject.contains("deal") || subject.matches(".*\\b(amount|size|value)\\b.*") ? "deal"
          : subject.contains("contact") ? "contact" : "partner";
      String fieldWords = subject.replaceAll("\\b(the|partner|deal|contact|registration|registered|its|their)\\b",
          " ").trim();
      String field;
      if (fieldWords.isEmpty()) {
        field = raw.matches("gold|silver|platinum|bronze") ? "tier" : verb.matches(".*(in|from).*") ? "country"
            : "status";
      } else if (fieldWords.matches("(size|value|amount)")) {
        field = "amount";
      } else {
        field = camel(fieldWords);
      }
      if (verb.matches("is (in|from|based in)|comes from")) {
        field = fieldWords.isEmpty() ? "country" : field;
      }
      Object value = raw.matches("\\d+(\\.\\d+)?") ? (Object) (raw.contains(".") ? Double.parseDouble(raw)
          : (Object) Long.parseLong(raw)) : RuleBasedGenerator.capitalize(raw);
      String op = switch (verb) {
        case "is over", "is more than", "is greater than", "is above", "is bigger than", "exceeds", "over",
            "above", "more than", "greater than" -> "gt";
        case "is at least", "at least" -> "gte";
        case "is under", "is below", "is less than", "is smaller than", "under", "below", "less than" -> "lt";
        case "is at most", "at most" -> "lte";
        case "is not", "is no" -> "neq";
        default -> value instanceof String ? "eq_ignore_case" : "eq";
      };
      Map<String, Object> condition = new LinkedHashMap<>();
      condition.put("field", record + "." + field);
      condition.put("op", op);
      condition.put("value", value);
      String id = id("branch");
      branch = new Planned(Node.of(id, "branch", Map.of("condition", condition)),
          "Branch on " + record + "." + field + " " + op + " " + value + " (true: the steps after \"if\";"
              + " false: the steps after \"otherwise\")", "if " + record + "." + field);
      return s.trim().substring(m.end());
    }

    void action(String seg, Integer dueInDays) {
      Optional<Triggers.Match> host = Triggers.documented(seg, hostActions, 2);
      if (host.isPresent()) {
        NodeType<?> type = host.get().type();
        String id = id(type.name());
        current.add(new Planned(Node.of(id, type.name(), type.defaultConfig()), type.documentation().displayName()
            + " with its default config (read from " + host.get().how() + ")", type.documentation().displayName()));
        warnings.add(id + " (" + type.name() + ") starts from its default config; review it");
        return;
      }
      int email = first(EMAIL_STRONG, seg);
      int slack = first(SLACK, seg);
      int webhook = first(WEBHOOK, seg);
      int best = Math.min(email, Math.min(slack, webhook));
      String type;
      if (best != Integer.MAX_VALUE) {
        type = best == email ? "send_email" : best == slack ? "send_slack" : "webhook";
      } else if (seg.trim().matches("^(send|notify|tell|remind|alert|inform|ping|thank|congratulate|welcome"
          + "|let|message)\\b.*")) {
        type = "send_email";
      } else if (TRAINING.matcher(seg).find()) {
        type = "assign_training";
      } else if (UPDATE.matcher(seg).find()) {
        type = "update_record";
      } else if (EMAIL_WEAK.matcher(seg).find()) {
        type = "send_email";
      } else {
        Optional<Triggers.Match> any = Triggers.documented(seg, registry.types().stream()
            .filter(t -> t.kind() == NodeKind.ACTION).toList(), 2);
        if (any.isEmpty()) {
          if (seg.trim().matches(".*[a-z]{3,}.*") && !seg.trim().matches("^(\\d+|and|or|steps?|the|it|a)?$")) {
            warnings.add("could not place \"" + RuleBasedGenerator.abbreviate(seg.trim()) + "\"");
          }
          return;
        }
        type = any.get().type().name();
      }
      if (registry.find(type).isEmpty()) {
        warnings.add("the registry has no '" + type + "' type; \"" + seg.trim() + "\" was left out");
        return;
      }
      switch (type) {
        case "send_email" -> email(seg);
        case "send_slack" -> slack(seg);
        case "webhook" -> webhook(seg);
        case "assign_training" -> training(seg, dueInDays);
        case "update_record" -> update(seg);
        default -> {
          NodeType<?> t = registry.find(type).orElseThrow();
          String id = id(type);
          current.add(new Planned(Node.of(id, type, t.defaultConfig()), t.documentation().displayName()
              + " with its default config", t.documentation().displayName()));
        }
      }
    }

    void email(String seg) {
      TreeMap<Integer, String> found = new TreeMap<>();
      find(found, seg, "\\b(partner managers?|account managers?|channel managers?|their manager|assigned manager"
          + "|managers?|pm|pam)\\b", g -> "role:partner_manager");
      find(found, seg, "\\b(primary contacts?|main contact|partner contact|the partner\\b(?! (manager|team|record))"
          + "|them|the partners\\b(?! manager)|partner itself|each partner|every partner)", g -> "role:primary_contact");
      find(found, seg, "\\b(new contact|the contact|that contact)\\b", g -> "role:contact");
      find(found, seg, "\\bxmailx(\\d+)\\b", g -> text.emails.get(Integer.parseInt(g.group(1))));
      find(found, seg, "\\b(distribution list|partnerteam|partner team|the team|our team|internal team"
          + "|([a-z]+) team|the ([a-z-]+) list)\\b", g -> {
            if (g.group(2) != null && !g.group(2).matches("the|our|internal|partner")) {
              return "list:" + g.group(2) + "-team";
            }
            if (g.group(3) != null && !g.group(3).equals("distribution")) {
              return "list:" + g.group(3);
            }
            return "list:partner-team";
          });
      List<String> to = found.values().stream().distinct().toList();
      if (to.isEmpty()) {
        to = lastRecipients.isEmpty() ? List.of("role:primary_contact") : lastRecipients;
      }
      lastRecipients = to;
      String subject;
      String kind;
      if (seg.matches(".*\\bwelcome\\b.*")) {
        subject = "Welcome to the program, {{partner.name}}";
        kind = "welcome email";
      } else if (seg.matches(".*\\b(checkin|followup|check on)\\b.*")) {
        subject = "Checking in, {{partner.name}}";
        kind = "check-in email";
      } else if (seg.matches(".*\\bcongratulat\\w*.*")) {
        subject = "Congratulations, {{partner.name}}!";
        kind = "congratulations email";
      } else if (seg.matches(".*\\b(reengage\\w*|miss you|win back|reactivat\\w*)\\b.*")) {
        subject = "We miss you, {{partner.name}}";
        kind = "re-engagement email";
      } else if (seg.matches(".*\\b(remind\\w*)\\b.*")) {
        subject = "Reminder about {{partner.name}}";
        kind = "reminder email";
      } else if (seg.matches(".*\\b(thank\\w*)\\b.*")) {
        subject = "Thank you, {{partner.name}}";
        kind = "thank-you email";
      } else if (seg.matches(".*\\bcall\\b.*")) {
        subject = "Time to schedule a call with {{partner.name}}";
        kind = "call request";
      } else {
        subject = "{{partner.name}}: {{trigger.type}}";
        kind = "email";
      }
      String id = id("send_email");
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("to", to);
      config.put("subject", subject);
      config.put("text", "Hi,\n\n" + subject + ".\n\n(Drafted by the workflow generator from: \""
          + RuleBasedGenerator.abbreviate(text.original).replace("{", "(").replace("}", ")") + "\")");
      current.add(new Planned(Node.of(id, "send_email", config), "Send " + kind + " to " + String.join(", ", to)
          + " with subject \"" + subject + "\"", kind + " to " + String.join(", ", to).replace("role:", "")));
    }

    void slack(String seg) {
      Matcher channel = Pattern.compile("#[a-z0-9_-]+").matcher(seg);
      String ch = channel.find() ? channel.group() : null;
      if (ch == null) {
        Matcher named = Pattern.compile("\\b(?:the |our )?([a-z0-9_-]+) channel\\b").matcher(seg);
        ch = named.find() && !named.group(1).equals("slack") ? "#" + named.group(1) : "#partners";
      }
      String id = id("send_slack");
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("webhookUrl", "https://hooks.slack.com/services/REPLACE/WITH/YOURS");
      config.put("channel", ch);
      config.put("text", "{{partner.name}}: {{trigger.type}}");
      current.add(new Planned(Node.of(id, "send_slack", config), "Post to Slack " + ch,
          "Slack " + ch));
      warnings.add(id + ": set the Slack incoming-webhook URL (a placeholder on hooks.slack.com is in the draft)");
    }

    void webhook(String seg) {
      Matcher url = Pattern.compile("xurlx(\\d+)").matcher(seg);
      String u;
      String id = id("webhook");
      if (url.find()) {
        u = text.urls.get(Integer.parseInt(url.group(1)));
      } else if (!text.urls.isEmpty()) {
        u = text.urls.get(0);
      } else {
        u = "https://example.com/hooks/partnerflow";
        warnings.add(id + ": no URL given; replace the placeholder " + u);
      }
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("url", u);
      config.put("method", "POST");
      config.put("body", Map.of("partnerId", "{{partner.id}}", "event", "{{trigger.type}}"));
      current.add(new Planned(Node.of(id, "webhook", config), "Call webhook POST " + u, "webhook"));
    }

    void training(String seg, Integer dueInDays) {
      List<String> words = List.of(seg.trim().split(" "));
      String trainingId = null;
      for (int i = 0; i < words.size(); i++) {
        if (words.get(i).matches(TRAINING_WORD)) {
          List<String> name = new ArrayList<>();
          for (int j = i - 1; j >= 0 && name.size() < 3 && !TRAINING_STOP.contains(words.get(j)); j--) {
            name.add(0, words.get(j));
          }
          for (int j = i; j + 1 < words.size() && words.get(j + 1).matches(TRAINING_WORD); j++) {
            name.add(words.get(j));
          }
          trainingId = name.isEmpty() ? null : String.join("-", name);
          break;
        }
      }
      String id = id("assign_training");
      if (trainingId == null) {
        trainingId = "onboarding";
        warnings.add(id + ": no training named; the draft assigns 'onboarding', replace it with a published training");
      }
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("trainingId", trainingId);
      config.put("contacts", seg.contains("primary contact") ? "primary_contact" : "all");
      if (dueInDays != null) {
        config.put("dueInDays", Math.min(365, dueInDays));
      }
      current.add(new Planned(Node.of(id, "assign_training", config), "Assign training '" + trainingId + "' to "
          + config.get("contacts") + " contacts" + (dueInDays != null ? ", due in " + dueInDays + " days" : ""),
          "training " + trainingId));
    }

    /** A field name as the user spelt it ("lastPaymentNotified"), else camel case of the words. */
    String fieldName(String words) {
      String camel = camel(words);
      Matcher m = Pattern.compile("\\b" + Pattern.quote(camel) + "\\b", Pattern.CASE_INSENSITIVE).matcher(text.original);
      return m.find() ? m.group() : camel;
    }

    void update(String seg) {
      String record = seg.contains("deal") ? "deal" : seg.matches(".*\\bcontact\\b.*") ? "contact" : "partner";
      Map<String, Object> fields = new LinkedHashMap<>();
      Matcher set = Pattern.compile("\\b(?:set|sets) (?:the |their |its )?(?:(?:partner|deal|contact) )?(?:record )?"
          + "([a-z][a-z ]*?) (?:field )?(?:to|=) ([a-z0-9_-]+)").matcher(seg);
      Matcher change = Pattern.compile("\\b(?:change|changes|update|updates) (?:the |their |its )?(?:(?:partner|deal"
          + "|contact) )?(?:record )?([a-z][a-z ]*?) (?:field )?to ([a-z0-9_-]+)").matcher(seg);
      Matcher mark = Pattern.compile("\\b(?:mark|marks|flag|flags|tag|tags)(?: the| it| them| their)?(?: (?:partner"
          + "|deal|contact))?(?: record)? as ([a-z0-9_-]+)").matcher(seg);
      if (set.find()) {
        fields.put(fieldName(set.group(1)), value(set.group(2)));
      } else if (mark.find()) {
        fields.put("status", value(mark.group(1)));
      } else if (change.find() && !change.group(1).contains(" set ")) {
        fields.put(fieldName(change.group(1)), value(change.group(2)));
      }
      String id = id("update_record");
      if (fields.isEmpty()) {
        fields.put("lastWorkflowEvent", "{{trigger.type}}");
        warnings.add(id + ": no field named; the draft sets 'lastWorkflowEvent', choose the fields to update");
      }
      current.add(new Planned(Node.of(id, "update_record", Map.of("record", record, "fields", fields)),
          "Update the " + record + " record: " + fields, "update " + record));
    }
  }

  Reading read(String rest, Text text, List<String> warnings) {
    Reader r = new Reader(text, warnings);
    String s = " " + rest.trim() + " ";
    // "otherwise" and "if" start segments of their own
    s = s.replaceAll(" (otherwise|else|if) ", " , $1 ");
    for (String seg : SPLIT.split(s)) {
      r.segment(seg);
    }
    if (r.branch != null && r.whenTrue.isEmpty() && r.whenFalse.isEmpty()) {
      warnings.add("the condition " + r.branch.explanation() + " has no steps; it was left out");
      r.branch = null;
    }
    return new Reading(r.before, r.branch, r.whenTrue, r.whenFalse, r.refused);
  }

  private static int first(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.start() : Integer.MAX_VALUE;
  }

  private static void find(TreeMap<Integer, String> into, String s, String regex,
                           java.util.function.Function<Matcher, String> value) {
    Matcher m = Pattern.compile(regex).matcher(s);
    while (m.find()) {
      into.putIfAbsent(m.start(), value.apply(m));
    }
  }

  static String camel(String words) {
    String[] parts = words.trim().split("[ _-]+");
    StringBuilder b = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      b.append(RuleBasedGenerator.capitalize(parts[i]));
    }
    return b.toString();
  }

  private static Object value(String raw) {
    if (raw.matches("\\d+")) {
      return Long.parseLong(raw);
    }
    return raw.equals("true") || raw.equals("false") ? Boolean.valueOf(raw) : raw;
  }
}
