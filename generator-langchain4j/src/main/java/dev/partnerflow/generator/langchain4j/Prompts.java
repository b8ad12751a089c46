package dev.partnerflow.generator.langchain4j;

import dev.partnerflow.core.json.WorkflowJson;
import dev.partnerflow.core.json.WorkflowJsonException;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.validation.Problem;
import dev.partnerflow.generator.Generation;
import dev.partnerflow.generator.GenerationRequest;
import dev.partnerflow.generator.WorkflowGenerator;
import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.List;

/** The prompt texts, all built from the registry so host types are described like the standard ones. */
final class Prompts {
  private static final List<String> EXAMPLES = List.of(
      "Send a welcome email to the partner manager and schedule a check-in for 30 days after a new partner is"
          + " created",
      "When a deal is registered, if the deal amount is over 50000 email the partner manager, otherwise post to"
          + " #deals on Slack");

  private Prompts() {}

  static String system(NodeTypeRegistry registry, WorkflowJson json) {
    StringBuilder b = new StringBuilder();
    b.append("You turn a plain-language description of a partner-program automation into one workflow JSON"
        + " document (format \"").append(WorkflowJson.FORMAT).append("\"). Answer with the JSON document only.\n\n");
    b.append("Rules: exactly one trigger node, in the \"trigger\" field; the other nodes in \"nodes\"; edges"
        + " {\"id\",\"source\",\"sourceHandle\",\"target\"} from the trigger onwards, no cycles, every node reachable;"
        + " \"sourceHandle\" is \"out\", or \"true\"/\"false\" leaving a branch; use only the node types below, by"
        + " their exact name; configs contain only the listed fields; status is \"draft\".\n\nNode types:\n");
    registry.types().stream().sorted(Comparator.comparing(NodeType::name)).forEach(t -> {
      b.append("- ").append(t.name()).append(" (").append(t.kind().name().toLowerCase()).append(", \"")
          .append(t.documentation().displayName()).append("\"): ").append(t.documentation().description());
      if (t.configType().isRecord()) {
        RecordComponent[] fields = t.configType().getRecordComponents();
        b.append(fields.length == 0 ? " Config: {} (no fields)." : " Config fields:");
        for (RecordComponent c : fields) {
          b.append(' ').append(c.getName()).append(" (").append(c.getType().getSimpleName()).append(')');
        }
      }
      b.append('\n');
    });
    b.append("\nWorked examples, each a description followed by its document:\n");
    WorkflowGenerator rules = WorkflowGenerator.ruleBased(registry).build();
    for (String example : EXAMPLES) {
      Generation g = rules.generate(GenerationRequest.of(example, "acme", "maria"));
      if (g.valid()) {
        b.append("\nDescription: ").append(example).append("\nDocument:\n")
            .append(json.write(g.workflow().orElseThrow().withMetadata(g.workflow().orElseThrow().metadata())))
            .append('\n');
      }
    }
    return b.toString();
  }

  static String request(GenerationRequest request) {
    return "organizationId: " + request.organizationId() + "\ncreatedBy: " + request.createdBy()
        + request.stage().map(s -> "\nstage: " + s.wireName()).orElse("") + "\nDescription: "
        + request.description();
  }

  static String repair(List<String> problems) {
    StringBuilder b = new StringBuilder("That document has problems, one per line below. A line that is a JSON"
        + " object is either a problem of reading the document (line and column in your answer, then the problem) or"
        + " a problem of the workflow (code; the node or edge id; field, the dotted path inside that node's config"
        + " or edge; rule, what the field must be; badValue, what it was; message, the whole sentence). Fix every"
        + " one and answer with the whole corrected JSON document only:\n");
    problems.forEach(p -> b.append("- ").append(p).append('\n'));
    return b.toString();
  }

  /** One reading problem as a compact JSON object on one line: line, column, problem. */
  static String readingProblem(WorkflowJsonException e, boolean stoppedHere) {
    StringBuilder b = new StringBuilder("{\"line\":").append(e.line()).append(",\"column\":").append(e.column());
    field(b, "problem", e.problem());
    if (stoppedHere) {
      field(b, "note", "reading stopped here, so the rest of the document was not checked");
    }
    return b.append('}').toString();
  }

  /** One validation problem as a compact JSON object on one line, with only the fields it has. */
  static String validationProblem(Problem p) {
    StringBuilder b = new StringBuilder("{\"code\":\"").append(p.code().name()).append('"');
    p.nodeId().ifPresent(v -> field(b, "node", v));
    p.edgeId().ifPresent(v -> field(b, "edge", v));
    p.field().ifPresent(v -> field(b, "field", v));
    p.rule().ifPresent(v -> field(b, "rule", v));
    p.badValue().ifPresent(v -> field(b, "badValue", v));
    field(b, "message", p.message());
    return b.append('}').toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append(",\"").append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** The JSON object in an answer: inside a ``` fence if any, from the first '{' to the last '}'. */
  static String extractJson(String answer) {
    String s = answer;
    int fence = s.indexOf("```");
    if (fence >= 0) {
      int start = s.indexOf('\n', fence);
      int end = s.indexOf("```", start + 1);
      if (start > 0 && end > start) {
        s = s.substring(start + 1, end);
      }
    }
    int open = s.indexOf('{');
    int close = s.lastIndexOf('}');
    return open >= 0 && close > open ? s.substring(open, close + 1) : null;
  }
}
