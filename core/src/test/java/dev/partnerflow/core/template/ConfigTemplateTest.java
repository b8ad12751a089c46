package dev.partnerflow.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.nodes.StepFailedException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigTemplateTest {
  private static final Map<String, Object> CONTEXT = Map.of(
      "partner", Map.of("name", "<script>alert('x')</script> & {{7*7}}", "primaryContact", Map.of("email", "d@x.example")),
      "workflow", Map.of("name", "Welcome"));

  @Test
  void html_fields_are_escaped_text_fields_are_not_and_values_are_never_evaluated() {
    ConfigTemplate t = ConfigTemplate.compile("n1", Map.of("html", "<p>{{partner.name}}</p>",
        "text", "{{partner.name}}"), Set.of("html"), Set.of());
    Map<String, Object> out = t.render(CONTEXT);
    assertThat(out.get("html")).isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; {{7*7}}</p>");
    assertThat(out.get("text")).isEqualTo("<script>alert('x')</script> & {{7*7}}");
  }

  @Test
  void nested_strings_and_lists_render() {
    ConfigTemplate t = ConfigTemplate.compile("n1", Map.of("to", List.of("{{partner.primaryContact.email}}"),
        "body", Map.of("wf", "{{workflow.name}}", "n", 3)), Set.of(), Set.of("to"));
    assertThat(t.hasTemplates()).isTrue();
    assertThat(t.render(CONTEXT)).containsEntry("to", List.of("d@x.example"))
        .containsEntry("body", Map.of("wf", "Welcome", "n", 3));
  }

  @Test
  void a_missing_value_fails_permanently_naming_placeholder_and_node() {
    ConfigTemplate t = ConfigTemplate.compile("welcome", Map.of("subject", "Hi {{partner.tier}}"), Set.of(), Set.of());
    assertThatThrownBy(() -> t.render(CONTEXT))
        .isInstanceOfSatisfying(ConfigTemplate.MissingValueException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.placeholder()).isEqualTo("partner.tier");
        })
        .hasMessageContaining("node 'welcome'").hasMessageContaining("{{partner.tier}}");
  }

  @Test
  void an_inverted_section_gives_a_fallback() {
    String template = "Hi {{#partner.firstName}}{{partner.firstName}}{{/partner.firstName}}"
        + "{{^partner.firstName}}there{{/partner.firstName}}";
    ConfigTemplate t = ConfigTemplate.compile("n1", Map.of("text", template), Set.of(), Set.of());
    assertThat(t.render(CONTEXT)).containsEntry("text", "Hi there");
    assertThat(t.render(Map.of("partner", Map.of("firstName", "Dana")))).containsEntry("text", "Hi Dana");
  }

  @Test
  void header_fields_with_line_breaks_are_refused() {
    ConfigTemplate t = ConfigTemplate.compile("n1", Map.of("subject", "Welcome {{partner.name}}",
        "to", List.of("{{partner.name}}")), Set.of(), Set.of("subject", "to"));
    Map<String, Object> evil = Map.of("partner", Map.of("name", "Acme\r\nBcc: victim@example.com"));
    assertThatThrownBy(() -> t.render(evil))
        .isInstanceOfSatisfying(StepFailedException.class, e -> assertThat(e.isRetryable()).isFalse())
        .hasMessageContaining("must not contain a line break");
    ConfigTemplate body = ConfigTemplate.compile("n1", Map.of("text", "{{partner.name}}"), Set.of(), Set.of("subject"));
    assertThat(body.render(evil)).containsEntry("text", "Acme\r\nBcc: victim@example.com");
  }

  @Test
  void a_template_that_does_not_parse_is_reported_with_node_and_field() {
    Map<String, Object> config = Map.of("subject", "Hi {{#partner}}{{name}}", "ok", "plain");
    assertThat(ConfigTemplate.problems(config)).singleElement().asString()
        .startsWith("'subject' has a template that does not parse");
    assertThatThrownBy(() -> ConfigTemplate.compile("mail", config, Set.of(), Set.of()))
        .isInstanceOf(ConfigTemplate.TemplateSyntaxException.class)
        .hasMessageStartingWith("node 'mail': 'subject' has a template that does not parse");
  }

  @Test
  void names_resolve_only_against_maps_and_lists_never_methods_or_fields_of_objects() {
    Map<String, Object> context = Map.of("partner", Map.of("name", "Acme", "tags", List.of("gold", "emea")));
    for (String name : List.of("partner.name.bytes", "partner.name.toCharArray", "partner.class",
        "partner.name.length", "partner.name.empty", "partner.hashCode", "partner.tags.size", "partner.name.class")) {
      ConfigTemplate t = ConfigTemplate.compile("n1", Map.of("text", "x {{" + name + "}}"), Set.of(), Set.of());
      assertThatThrownBy(() -> t.render(context)).as(name)
          .isInstanceOfSatisfying(ConfigTemplate.MissingValueException.class,
              e -> assertThat(e.placeholder()).isEqualTo(name));
    }
    ConfigTemplate data = ConfigTemplate.compile("n1", Map.of("text",
        "{{partner.name}} {{partner.tags.1}} {{#partner.tags}}[{{.}}{{this}}]{{/partner.tags}}"), Set.of(), Set.of());
    assertThat(data.render(context)).containsEntry("text", "Acme emea [goldgold][emeaemea]");
  }
}
