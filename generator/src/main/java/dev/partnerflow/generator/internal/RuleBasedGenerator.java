package dev.partnerflow.generator.internal;

import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Position;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowStatus;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.validation.Problem;
import dev.partnerflow.core.validation.WorkflowValidator;
import dev.partnerflow.generator.Generation;
import dev.partnerflow.generator.GenerationRequest;
import dev.partnerflow.generator.WorkflowGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline generator. Reads a description in three passes: the trigger clause (introduced by "when", "after",
 * "once", ... or anywhere as a last resort) and the trigger's config, then the remaining text split into steps at
 * sequencing words ("then", "and", "after that", commas), each step read for a delay, a branch or an action.
 */
public final class RuleBasedGenerator implements WorkflowGenerator {
  private static final double COLUMN = 280;
  private static final double ROW = 160;
  private static final Pattern MARKER = Pattern.compile(
      "\\b(whenever|when|once|after|as soon as|every time|each time|upon|if|trigger :|trigger is|trigger)\\b");
  private static final Pattern BOUNDARY = Pattern.compile(
      " (,|\\.|;|!|\\?|:|then|and then|after that|afterwards|next|finally|also) ");
  private static final Pattern ACTION_VERB = Pattern.compile(
      "^(send|sends|email|emails|notify|notifies|tell|remind|post|posts|message|assign|assigns|enroll|enrol|update"
          + "|updates|set|sets|mark|marks|call|calls|wait|waits|delay|ping|alert|inform|let|schedule|congratulate"
          + "|thank|welcome|add|create|log|flag|tag|reach|follow|followup|checkin|otherwise|else|delete|remove"
          + "|post|share|trigger|fire|hit|push|sync)$");
  private static final Pattern DESTRUCTIVE = Pattern.compile(
      "\\b(delete|deletes|remove|removes|erase|purge|wipe|destroy|drop|deactivate|terminate|ban|block)\\b");

  private final NodeTypeRegistry registry;
  private final WorkflowValidator validator;
  private final Vocabulary vocabulary;
  private final Triggers triggers;
  private final Steps steps;

  public RuleBasedGenerator(NodeTypeRegistry registry, WorkflowValidator validator) {
    this.registry = registry;
    this.validator = validator;
    this.vocabulary = new Vocabulary(registry);
    this.triggers = new Triggers(registry);
    this.steps = new Steps(registry);
  }

  @Override
  public Generation generate(GenerationRequest request) {
    Text text = new Text(request.description(), vocabulary);
    List<String> warnings = new ArrayList<>();
    if (!text.corrections.isEmpty()) {
      warnings.add("read misspelt words as: " + String.join(", ", text.corrections));
    }
    String s = " " + text.normal + " ";

    // 1. the trigger: a clause introduced by a marker first, the whole text as a last resort
    Optional<Triggers.Match> trigger = Optional.empty();
    int clauseStart = -1;
    int clauseEnd = -1;
    Matcher marker = MARKER.matcher(s);
    while (marker.find() && trigger.isEmpty()) {
      int end = clauseEnd(s, marker.end());
      Optional<Triggers.Match> found = triggers.find(s.substring(marker.end(), end));
      if (found.isPresent()) {
        trigger = found;
        clauseStart = marker.start();
        clauseEnd = end;
      }
    }
    if (trigger.isEmpty()) {
      // no marker: try each sentence part on its own, then the whole text
      Matcher b = BOUNDARY.matcher(s);
      int from = 0;
      List<int[]> parts = new ArrayList<>();
      while (b.find()) {
        parts.add(new int[] {from, b.start()});
        from = b.end() - 1;
      }
      parts.add(new int[] {from, s.length()});
      for (int[] p : parts) {
        String part = s.substring(p[0], p[1]);
        Optional<Triggers.Match> found = triggers.find(part);
        if (found.isPresent() && !steps.readsAsAction(part)) {
          trigger = found;
          clauseStart = p[0];
          clauseEnd = p[1];
          break;
        }
      }
      if (trigger.isEmpty()) {
        trigger = triggers.find(s);
      }
    }

    Map<String, Object> triggerConfig = new LinkedHashMap<>();
    String rest = s;
    if (trigger.isPresent()) {
      String wire = trigger.get().type().name();
      String window = clauseStart >= 0 ? s.substring(clauseStart, clauseEnd) : s;
      String consumed = TriggerConfigs.read(wire, s, window, triggerConfig);
      rest = clauseStart >= 0 ? s.substring(0, clauseStart) + " , " + s.substring(clauseEnd) : s;
      if (consumed != null) {
        rest = rest.replace(consumed, " ");
      }
    }

    // 2. the steps
    Steps.Reading reading = steps.read(rest, text, warnings);
    boolean destructive = DESTRUCTIVE.matcher(s).find();
    if (destructive && reading.refused().isEmpty()) {
      warnings.add("no step type can delete or remove records; that part of the description was left out");
    }
    if (trigger.isEmpty() && reading.isEmpty()) {
      List<String> why = new ArrayList<>(warnings);
      why.add(0, "could not understand \"" + abbreviate(request.description()) + "\": no trigger and no step was"
          + " recognised. Say when it should run (e.g. \"when a deal is registered\") and what should happen"
          + " (e.g. \"email the partner manager\").");
      return Generation.notUnderstood(why, Generation.RULES);
    }
    List<String> explanation = new ArrayList<>();
    NodeType<?> triggerType;
    if (trigger.isPresent()) {
      triggerType = trigger.get().type();
      explanation.add("trigger: " + triggerType.documentation().displayName() + describeConfig(triggerConfig)
          + " (read from " + trigger.get().how() + ")");
    } else {
      triggerType = registry.find("manual").filter(t -> t.kind() == NodeKind.TRIGGER).orElse(null);
      if (triggerType == null) {
        List<String> why = new ArrayList<>(warnings);
        why.add(0, "could not understand when the workflow should run, and the registry has no 'manual' trigger to"
            + " fall back on; name the event (e.g. \"when a deal is registered\")");
        return Generation.notUnderstood(why, Generation.RULES);
      }
      warnings.add("no trigger recognised; the draft starts with the Manual Trigger. Name the event (e.g. \"when a"
          + " new partner is created\") to get another trigger");
      explanation.add("trigger: Manual Trigger (no event named in the description)");
    }
    if (reading.isEmpty()) {
      warnings.add("no step recognised; add steps in the editor or describe them (e.g. \"email the partner"
          + " manager\", \"wait 7 days\", \"post to #deals on Slack\")");
    }

    // 3. the graph, left to right
    Workflow.Builder builder = Workflow.builder(request.organizationId(), name(triggerType, reading))
        .description(request.description())
        .createdBy(request.createdBy())
        .status(WorkflowStatus.DRAFT);
    request.stage().ifPresent(builder::stage);
    builder.node(new Node("trigger", triggerType.name(), triggerConfig, Optional.empty(), new Position(0, 0), null));
    Layout layout = new Layout(builder, explanation);
    String last = layout.chain("trigger", Edge.OUT, reading.before(), 1, 0);
    if (reading.branch() != null) {
      Steps.Planned branch = reading.branch();
      int column = 1 + reading.before().size();
      builder.node(branch.node().withPosition(new Position(column * COLUMN, 0)));
      builder.edge(last, branch.node().id());
      explanation.add(branch.node().id() + ": " + branch.explanation());
      layout.chain(branch.node().id(), Edge.TRUE, reading.whenTrue(), column + 1, -0.5);
      layout.chain(branch.node().id(), Edge.FALSE, reading.whenFalse(), column + 1, 0.5);
    }
    Workflow draft = builder.build();
    List<Problem> problems = validator.validate(draft);
    return new Generation(Optional.of(draft), explanation, warnings, problems, Generation.RULES);
  }

  private static final class Layout {
    private final Workflow.Builder builder;
    private final List<String> explanation;

    Layout(Workflow.Builder builder, List<String> explanation) {
      this.builder = builder;
      this.explanation = explanation;
    }

    String chain(String from, String handle, List<Steps.Planned> planned, int column, double row) {
      String last = from;
      String lastHandle = handle;
      for (Steps.Planned p : planned) {
        builder.node(p.node().withPosition(new Position(column * COLUMN, row * ROW)));
        builder.edge(last, lastHandle, p.node().id());
        explanation.add(p.node().id() + ": " + p.explanation());
        last = p.node().id();
        lastHandle = Edge.OUT;
        column++;
      }
      return last;
    }
  }

  private static int clauseEnd(String s, int from) {
    Matcher b = BOUNDARY.matcher(s);
    int end = b.find(from) ? b.start() : s.length();
    // an action verb also ends the trigger clause: "when a partner is inactive for 60 days send ..."
    String[] words = s.substring(from, end).trim().split(" ");
    int offset = from;
    for (int i = 0; i < words.length; i++) {
      int at = s.indexOf(words[i], offset);
      if (i > 0 && ACTION_VERB.matcher(words[i]).matches() && !words[i].equals("trigger")) {
        return at;
      }
      offset = at + words[i].length();
    }
    return end;
  }

  private static String describeConfig(Map<String, Object> config) {
    if (config.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(" (");
    config.forEach((k, v) -> b.append(b.length() > 2 ? ", " : "").append(k).append(" = ").append(v));
    return b.append(')').toString();
  }

  private static String name(NodeType<?> trigger, Steps.Reading reading) {
    List<Steps.Planned> all = new ArrayList<>(reading.before());
    if (reading.branch() != null) {
      all.add(reading.branch());
      all.addAll(reading.whenTrue());
      all.addAll(reading.whenFalse());
    }
    StringBuilder name = new StringBuilder(trigger.documentation().displayName().replaceAll("\\s*\\(.*?\\)", ""));
    List<String> parts = all.stream().filter(p -> !p.node().type().equals("delay") && !p.node().type()
        .equals("branch")).map(p -> p.shortName()).distinct().toList();
    if (!parts.isEmpty()) {
      name.append(": ").append(String.join(", ", parts));
    }
    String n = name.toString();
    return n.length() > 120 ? n.substring(0, 117) + "..." : n;
  }

  static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() > 80 ? one.substring(0, 77) + "..." : one;
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
