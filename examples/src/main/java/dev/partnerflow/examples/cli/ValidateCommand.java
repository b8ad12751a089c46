package dev.partnerflow.examples.cli;

import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.validation.Problem;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code partnerflow validate FILE}: every problem of a workflow document, one per line. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Reads a workflow JSON document strictly and lists every problem the validator finds, one per"
        + " line: node (or edge), code, message.",
        "Exit 0 when there is none; 1 when there are problems or the JSON is malformed (line and column on stderr);"
            + " 2 when the file cannot be opened."})
final class ValidateCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "FILE", description = "the workflow JSON document (docs/workflow-json.md)")
  Path file;

  @Override
  int execute() {
    try (PartnerflowCli.Engine engine = PartnerflowCli.engine()) {
      Workflow workflow = PartnerflowCli.readWorkflow(engine.json(), file);
      List<Problem> problems = engine.test().engine().validator().validate(workflow);
      for (Problem p : problems) {
        out().println(where(p) + "\t" + p.code() + "\t" + p.message());
      }
      if (problems.isEmpty()) {
        out().println(file + ": workflow '" + workflow.id() + "' (" + workflow.graph().nodes().size()
            + " nodes) has no problems");
        return PartnerflowCli.OK;
      }
      err().println(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
      return PartnerflowCli.PROBLEMS;
    }
  }

  /** The node id, {@code edge:<id>} or {@code (graph)}. */
  static String where(Problem p) {
    return p.nodeId().orElseGet(() -> p.edgeId().map(e -> "edge:" + e).orElse("(graph)"));
  }
}
