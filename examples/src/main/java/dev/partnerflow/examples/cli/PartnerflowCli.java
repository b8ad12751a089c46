package dev.partnerflow.examples.cli;

import dev.partnerflow.core.json.WorkflowJson;
import dev.partnerflow.core.json.WorkflowJsonException;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import dev.partnerflow.steps.StandardSteps;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code partnerflow}: validate, run once, generate and list triggers from the command line.
 *
 * <pre>
 * mvn -q -pl examples -am compile exec:java -Dexec.mainClass=dev.partnerflow.examples.cli.PartnerflowCli \
 *     -Dexec.args="validate examples/src/main/resources/workflows/welcome.json"
 * </pre>
 *
 * <p>Exit codes: {@value #OK} ok, {@value #PROBLEMS} problems found (invalid workflow, failed run, description not
 * understood, unreadable JSON), {@value #USAGE} usage error, unreadable file, missing settings or unexpected error.
 * Everything but the command's result goes to stderr. See {@code docs/cli.md}.
 *
 * <p>Tests build it with {@link #PartnerflowCli(Map)} to pass the environment instead of {@link System#getenv()},
 * and run it in-process through {@link #commandLine(PartnerflowCli)}.
 */
@Command(name = "partnerflow", mixinStandardHelpOptions = true, version = "partnerflow 0.1.0-SNAPSHOT",
    description = "Validate, run once (side effects off), generate and list Partnerflow workflows.",
    subcommands = {ValidateCommand.class, RunOnceCommand.class, GenerateCommand.class, TriggersCommand.class,
        CommandLine.HelpCommand.class},
    synopsisSubcommandLabel = "COMMAND",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:ok",
        "1:problems: an invalid or unreadable workflow document, a failed run, a description not understood",
        "2:usage error, a file that cannot be opened, missing model settings, or an unexpected error"},
    footerHeading = "%n",
    footer = "Results go to stdout, everything else (errors, explanations, warnings) to stderr.")
public final class PartnerflowCli implements Runnable {
  public static final int OK = 0;
  public static final int PROBLEMS = 1;
  public static final int USAGE = 2;

  private final Map<String, String> env;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Reads settings (the model's) from {@link System#getenv()}. */
  public PartnerflowCli() {
    this(System.getenv());
  }

  /** Reads settings from the given environment, e.g. a test's. */
  public PartnerflowCli(Map<String, String> env) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env must not be null"));
  }

  Map<String, String> env() {
    return env;
  }

  @Override
  public void run() {
    // no subcommand: show the usage on stderr and fail as a usage error
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /**
   * The command line with the tool's exit codes: usage errors {@value #USAGE} (picocli's default), and unexpected
   * exceptions {@value #USAGE} with their message on stderr (picocli would return 1, which here means problems).
   */
  public static CommandLine commandLine(PartnerflowCli cli) {
    CommandLine cl = new CommandLine(cli);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      commandLine.getErr().println("partnerflow: unexpected error: " + ex);
      return USAGE;
    });
    return cl;
  }

  public static void main(String[] args) {
    // the engine logs at info through slf4j-simple on stderr; the tool keeps stderr for its own messages
    if (System.getProperty("org.slf4j.simpleLogger.log.dev.partnerflow") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.dev.partnerflow", "warn");
    }
    // Hibernate Validator logs its version through JBoss Logging, which would pick java.util.logging
    if (System.getProperty("org.jboss.logging.provider") == null) {
      System.setProperty("org.jboss.logging.provider", "slf4j");
    }
    System.exit(commandLine(new PartnerflowCli()).execute(args));
  }

  /**
   * A deterministic engine over the discovered node types (triggers, steps and any host provider on the class
   * path), with the standard steps' validation checks, starting at the current time. The tool validates documents
   * as a host with every collaborator configured would, but never acts: its collaborators refuse, and run-once
   * runs with side effects off.
   */
  static Engine engine() {
    StandardSteps steps = StandardSteps.builder()
        .emailSender(message -> {
          throw refuse("send email");
        })
        .recordUpdater(update -> {
          throw refuse("update records");
        })
        .trainingAssigner(assignment -> {
          throw refuse("assign trainings");
        })
        .build();
    TestWorkflowEngine test = TestWorkflowEngine.create(Instant.now(), b -> b.nodeTypes(steps));
    return new Engine(test, steps);
  }

  private static dev.partnerflow.core.nodes.StepFailedException refuse(String what) {
    return dev.partnerflow.core.nodes.StepFailedException.permanent(
        "the command-line tool does not " + what + "; run-once runs with side effects off");
  }

  /** The test engine and the steps it owns; closes both. */
  record Engine(TestWorkflowEngine test, StandardSteps steps) implements AutoCloseable {
    WorkflowJson json() {
      return WorkflowJson.of(test.engine().registry());
    }

    @Override
    public void close() {
      try {
        test.close();
      } finally {
        steps.close();
      }
    }
  }

  /** Thrown by commands to end with an exit code after printing a message to stderr. */
  static final class Exit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Exit(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  /**
   * Reads a workflow document.
   *
   * @throws Exit {@value #USAGE} when the file cannot be opened, {@value #PROBLEMS} with the reader's line and
   *     column when the document is malformed
   */
  static Workflow readWorkflow(WorkflowJson json, Path file) {
    dev.partnerflow.core.json.WorkflowJsonReport report;
    try (InputStream in = Files.newInputStream(file)) {
      report = json.check(in);
    } catch (IOException e) {
      throw new Exit(USAGE, "cannot read " + file + ": " + describe(e));
    }
    if (report.workflow().isPresent()) {
      return report.workflow().get();
    }
    // every reading problem, each with its line and column, not only the first
    StringBuilder all = new StringBuilder();
    for (WorkflowJsonException e : report.problems()) {
      all.append(all.length() == 0 ? "" : System.lineSeparator()).append(file).append(": ").append(e.getMessage());
    }
    if (report.stoppedEarly()) {
      all.append(System.lineSeparator()).append(file).append(": reading stopped there; the rest was not checked");
    }
    throw new Exit(PROBLEMS, all.toString());
  }

  static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
