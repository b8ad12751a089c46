package dev.partnerflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Scores the rule-based generator on {@code generator-corpus.jsonl}: a description with the expected trigger, its
 * config and the steps in order with their key configs. "Exact" means all of that matches; "trigger" means the
 * trigger type and config match. Prints both shares and every miss.
 */
class GeneratorCorpusTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** The share of descriptions that must come out exactly right. */
  static final double REQUIRED_EXACT_SHARE = 0.90;

  @Test
  void corpus_is_generated_exactly_right_at_least_90_percent_of_the_time() throws Exception {
    NodeTypeRegistry registry = NodeTypeRegistry.discover();
    WorkflowGenerator generator = WorkflowGenerator.ruleBased(registry).build();
    List<JsonNode> cases = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        Objects.requireNonNull(getClass().getResourceAsStream("/generator-corpus.jsonl")), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          cases.add(MAPPER.readTree(line));
        }
      }
    }
    int exact = 0;
    int rightTrigger = 0;
    int valid = 0;
    List<String> misses = new ArrayList<>();
    for (JsonNode c : cases) {
      Generation g = generator.generate(GenerationRequest.of(c.get("d").asText(), "acme", "maria"));
      if (g.workflow().isEmpty()) {
        misses.add("NOT UNDERSTOOD: " + c.get("d").asText() + " " + g.warnings());
        continue;
      }
      Workflow w = g.workflow().get();
      valid += g.problems().isEmpty() ? 1 : 0;
      List<String> diffs = new ArrayList<>();
      Node trigger = w.graph().node("trigger").orElseThrow();
      if (!trigger.type().equals(c.get("trigger").asText())) {
        diffs.add("trigger " + trigger.type() + " != " + c.get("trigger").asText());
      } else if (!sameMap(c.get("config"), trigger.config())) {
        diffs.add("trigger config " + trigger.config() + " != " + c.get("config"));
      }
      boolean triggerOk = diffs.isEmpty();
      List<Node> steps = w.graph().nodes().stream().filter(n -> !n.id().equals("trigger")).toList();
      JsonNode expected = c.get("steps");
      if (steps.size() != expected.size()) {
        diffs.add("steps " + steps.stream().map(Node::type).toList() + " != " + expected);
      } else {
        for (int i = 0; i < steps.size(); i++) {
          diffs.addAll(compareStep(w, steps.get(i), expected.get(i)));
        }
      }
      rightTrigger += triggerOk ? 1 : 0;
      if (diffs.isEmpty()) {
        exact++;
      } else {
        misses.add(c.get("d").asText() + "\n      " + String.join("\n      ", diffs) + "\n      explanation: "
            + g.explanation());
      }
    }
    double exactShare = (double) exact / cases.size();
    double triggerShare = (double) rightTrigger / cases.size();
    System.out.printf(Locale.ROOT, "[generator corpus] %d descriptions: exactly right %d (%.1f %%), right trigger %d"
            + " (%.1f %%), valid drafts %d%n", cases.size(), exact, 100 * exactShare, rightTrigger, 100 * triggerShare,
        valid);
    misses.forEach(m -> System.out.println("[generator corpus] miss: " + m));
    assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
    assertThat(exactShare).as("share exactly right; misses:%n%s", String.join("\n", misses))
        .isGreaterThanOrEqualTo(REQUIRED_EXACT_SHARE);
  }

  private static List<String> compareStep(Workflow w, Node actual, JsonNode expected) {
    List<String> diffs = new ArrayList<>();
    String where = "step " + actual.id() + ": ";
    if (!actual.type().equals(expected.get("type").asText())) {
      return List.of(where + "type " + actual.type() + " != " + expected.get("type").asText());
    }
    Map<String, Object> config = actual.config();
    if (actual.type().equals("branch")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> condition = (Map<String, Object>) config.get("condition");
      config = condition;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = f.getKey();
      if (key.equals("type")) {
        continue;
      }
      if (key.equals("handle")) {
        String handle = w.graph().edges().stream().filter(e -> e.target().equals(actual.id())).map(Edge::sourceHandle)
            .findFirst().orElse("none");
        if (!handle.equals(f.getValue().asText())) {
          diffs.add(where + "entered from handle " + handle + " != " + f.getValue().asText());
        }
        continue;
      }
      if (!same(f.getValue(), config.get(key))) {
        diffs.add(where + key + " = " + config.get(key) + " != " + f.getValue());
      }
    }
    return diffs;
  }

  private static boolean sameMap(JsonNode expected, Map<String, Object> actual) {
    if (expected.size() != actual.size()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!same(e.getValue(), actual.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(JsonNode expected, Object actual) {
    if (actual == null) {
      return expected == null || expected.isNull();
    }
    if (expected.isNumber()) {
      return actual instanceof Number n && n.doubleValue() == expected.asDouble();
    }
    if (expected.isBoolean()) {
      return Boolean.valueOf(expected.asBoolean()).equals(actual);
    }
    if (expected.isTextual()) {
      return actual instanceof String s && s.equalsIgnoreCase(expected.asText());
    }
    if (expected.isArray()) {
      if (!(actual instanceof List<?> list) || list.size() != expected.size()) {
        return false;
      }
      for (int i = 0; i < list.size(); i++) {
        if (!same(expected.get(i), list.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (expected.isObject()) {
      if (!(actual instanceof Map<?, ?> map)) {
        return false;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) map;
      return sameMap(expected, m);
    }
    return false;
  }
}
