package dev.partnerflow.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.StepStatus;
import dev.partnerflow.core.validation.Problem;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code partnerflow run-once FILE [--event FILE] [--json]}: a test run, side effects off, and its trace. */
@Command(name = "run-once", mixinStandardHelpOptions = true,
    description = {"Runs a workflow document once with side effects off (no email, Slack, webhook or record update"
        + " leaves the process; delays are skipped) on the trigger's sample event or on --event, and prints the"
        + " trace: step, status, input, output, start and duration.",
        "Exit 0 when the run succeeded; 1 when it failed, the workflow has problems or a document is malformed;"
            + " 2 when a file cannot be opened."})
final class RunOnceCommand extends CliCommand {
  /** Cells of the input and output columns are cut to this many characters unless {@code --wide}. */
  static final int CELL_LIMIT = 60;

  enum Color { AUTO, ALWAYS, NEVER }

  @Parameters(index = "0", paramLabel = "FILE", description = "the workflow JSON document (docs/workflow-json.md)")
  Path file;

  @Option(names = "--event", paramLabel = "FILE",
      description = "an event JSON file: {\"type\": ..., \"id\": ..., \"occurredAt\": ..., \"data\": {...}}"
          + " (docs/cli.md); default: the trigger's sample event")
  Path event;

  @Option(names = "--json", description = "print the trace as JSON instead of a table")
  boolean json;

  @Option(names = "--wide", description = "do not cut input and output cells at " + CELL_LIMIT + " characters")
  boolean wide;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "colour the status column: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, only on a"
          + " terminal)")
  Color color;

  @Override
  int execute() throws JsonProcessingException {
    try (PartnerflowCli.Engine engine = PartnerflowCli.engine()) {
      WorkflowEngine e = engine.test().engine();
      Workflow workflow = PartnerflowCli.readWorkflow(engine.json(), file);
      List<Problem> problems = e.validator().validate(workflow);
      if (!problems.isEmpty()) {
        problems.forEach(p -> err().println(ValidateCommand.where(p) + "\t" + p.code() + "\t" + p.message()));
        throw new PartnerflowCli.Exit(PartnerflowCli.PROBLEMS, file + ": " + problems.size()
            + " problem(s); nothing was run");
      }
      String org = workflow.organizationId();
      Event input = null;
      if (event != null) {
        input = EventFile.read(event, org, e.clock().instant());
        String trigger = triggerType(e, workflow);
        if (!input.type().equals(trigger)) {
          throw new PartnerflowCli.Exit(PartnerflowCli.PROBLEMS, event + ": event type '" + input.type()
              + "' does not start this workflow, whose trigger is '" + trigger + "'");
        }
      }
      String id = e.workflows().create(org, workflow).id();
      RunTrace trace = e.testRun(org, id, input);
      if (json) {
        out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(toJson(trace)));
      } else {
        printTable(trace);
      }
      return trace.run().status() == RunStatus.SUCCEEDED ? PartnerflowCli.OK : PartnerflowCli.PROBLEMS;
    }
  }

  private static String triggerType(WorkflowEngine e, Workflow workflow) {
    return workflow.graph().nodes().stream()
        .map(Node::type)
        .filter(t -> e.registry().find(t).map(nt -> nt.kind() == NodeKind.TRIGGER).orElse(false))
        .findFirst().orElse("");
  }

  private void printTable(RunTrace trace) throws JsonProcessingException {
    Run run = trace.run();
    CommandLine.Help.Ansi ansi = switch (color) {
      case ALWAYS -> CommandLine.Help.Ansi.ON;
      case NEVER -> CommandLine.Help.Ansi.OFF;
      case AUTO -> ansi();
    };
    out().println("run " + run.id() + " of workflow " + run.workflowId() + " v" + run.workflowVersion()
        + " (test run, side effects off) on event " + run.eventId() + " (" + run.triggerType() + "): "
        + paint(ansi, run.status().name(), colorOf(run.status())));
    run.error().ifPresent(error -> out().println("error: " + error));
    ObjectMapper mapper = new ObjectMapper();
    TextTable table = new TextTable(List.of("STEP", "TYPE", "#", "STATUS", "INPUT", "OUTPUT", "START",
        "DURATION"));
    for (StepAttempt s : trace.steps()) {
      String output = mapper.writeValueAsString(s.output());
      if (s.error().isPresent()) {
        output = s.error().get().type() + ": " + s.error().get().message();
      }
      String status = s.status().name() + (s.dryRun() ? " (dry run)" : "");
      String statusColor = colorOf(s.status());
      List<UnaryOperator<String>> style = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        style.add(i == 3 ? text -> paint(ansi, text, statusColor) : null);
      }
      table.row(List.of(s.nodeId(), s.nodeType(), Integer.toString(s.attempt()), status,
          cut(mapper.writeValueAsString(s.input())), cut(output), s.startedAt().truncatedTo(ChronoUnit.MILLIS).toString(),
          s.duration().toMillis() + " ms"), style);
    }
    table.print(out());
    if (!wide) {
      out().println("(" + trace.steps().size() + " step attempts; input and output cut at " + CELL_LIMIT
          + " characters: --wide or --json show them whole)");
    }
  }

  private String cut(String text) {
    String oneLine = text.replace("\r", "").replace("\n", "\\n");
    return wide || oneLine.length() <= CELL_LIMIT ? oneLine : oneLine.substring(0, CELL_LIMIT - 1) + "…";
  }

  private static String colorOf(StepStatus status) {
    return switch (status) {
      case SUCCEEDED -> "green";
      case RETRYING -> "yellow";
      case FAILED -> "red";
    };
  }

  private static String colorOf(RunStatus status) {
    return switch (status) {
      case SUCCEEDED -> "green";
      case FAILED, CANCELLED -> "red";
      default -> "yellow";
    };
  }

  /** Colours plain text (no picocli markup inside) when ANSI is on. */
  private static String paint(CommandLine.Help.Ansi ansi, String text, String color) {
    if (!ansi.enabled()) {
      return text;
    }
    return ansi.string("@|" + color + " " + text.replace("|@", "| @") + "|@");
  }

  /** The trace for machines: the run and every step attempt, instants as ISO-8601 strings. */
  static Map<String, Object> toJson(RunTrace trace) {
    Run r = trace.run();
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("id", r.id());
    run.put("organizationId", r.organizationId());
    run.put("workflowId", r.workflowId());
    run.put("workflowVersion", r.workflowVersion());
    run.put("eventId", r.eventId());
    run.put("triggerType", r.triggerType());
    run.put("status", r.status().name());
    run.put("testRun", r.testRun());
    run.put("createdAt", r.createdAt().toString());
    run.put("finishedAt", r.finishedAt().map(Object::toString).orElse(null));
    run.put("error", r.error().orElse(null));
    List<Map<String, Object>> steps = new ArrayList<>();
    for (StepAttempt s : trace.steps()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("nodeId", s.nodeId());
      step.put("nodeType", s.nodeType());
      step.put("attempt", s.attempt());
      step.put("status", s.status().name());
      step.put("dryRun", s.dryRun());
      step.put("input", s.input());
      step.put("output", s.output());
      step.put("startedAt", s.startedAt().toString());
      step.put("finishedAt", s.finishedAt().toString());
      step.put("durationMillis", s.duration().toMillis());
      step.put("error", s.error().map(err -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", err.type());
        m.put("message", err.message());
        m.put("retryable", err.retryable());
        return m;
      }).orElse(null));
      steps.add(step);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("run", run);
    root.put("steps", steps);
    return root;
  }
}
