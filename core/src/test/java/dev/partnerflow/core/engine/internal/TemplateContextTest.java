package dev.partnerflow.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.template.ConfigTemplate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The template context answers dotted names itself; Mustache must render exactly as over plain maps. */
class TemplateContextTest {
  private static final Instant T = Instant.parse("2026-01-05T09:00:00Z");

  private static Map<String, Object> data() {
    Map<String, Object> partner = new HashMap<>();
    partner.put("name", "Globex");
    partner.put("nickname", null);
    partner.put("contacts", List.of(Map.of("email", "a@globex.example")));
    partner.put("primaryContact", Map.of("name", "Dana"));
    Map<String, Object> data = new HashMap<>();
    data.put("partner", partner);
    data.put("deal.name", "literal key with a dot");
    data.put("change", Map.of("from", "Silver", "to", "Gold"));
    return data;
  }

  private static Map<String, Object> context() {
    Workflow wf = Workflow.builder("acme", "Ctx").id("ctx").build();
    RunRecord run = new RunRecord("run-1", "acme", "ctx", 1,
        new Event("e1", "acme", "partner_tier_changed", T, data()), false, RunStatus.RUNNING, List.of(),
        Map.of("mail", Map.of("messageId", "m-1")), T, T, null, null, 2);
    return TemplateContext.of(wf, run, run.outputs());
  }

  private static String render(String template, Map<String, Object> ctx) {
    return (String) ConfigTemplate.compile("n", Map.of("t", template), Set.of(), Set.of()).render(ctx).get("t");
  }

  /** The same context as a plain map, which Mustache resolves with its own compound-key logic. */
  private static Map<String, Object> plain(Map<String, Object> ctx) {
    return new HashMap<>(ctx);
  }

  @Test
  void dotted_names_render_the_same_as_mustaches_own_resolution() {
    Map<String, Object> ctx = context();
    for (String t : List.of("{{partner.name}}", "{{partner.primaryContact.name}}",
        "{{trigger.to}} from {{trigger.from}}", "{{workflow.name}} {{organization.id}} {{run.id}}",
        "{{steps.mail.messageId}}", "{{deal.name}}",
        "{{#partner.primaryContact.name}}Hi {{partner.primaryContact.name}}{{/partner.primaryContact.name}}",
        "{{^partner.missing}}fallback{{/partner.missing}}", "{{#partner.contacts}}{{email}}{{/partner.contacts}}")) {
      assertThat(render(t, ctx)).as(t).isEqualTo(render(t, plain(ctx)));
    }
    assertThat(render("{{partner.name}} / {{deal.name}} / {{trigger.to}}", ctx))
        .isEqualTo("Globex / literal key with a dot / Gold");
  }

  @Test
  void missing_and_null_values_fail_as_they_do_over_plain_maps() {
    Map<String, Object> ctx = context();
    for (String t : List.of("{{partner.nickname}}", "{{partner.missing}}", "{{partner.name.first}}",
        "{{nothing.here}}")) {
      String viaView = failure(t, ctx);
      assertThat(viaView).as(t).isNotNull().isEqualTo(failure(t, plain(ctx)));
    }
  }

  private static String failure(String template, Map<String, Object> ctx) {
    try {
      render(template, ctx);
      return null;
    } catch (StepFailedException e) {
      return e.getMessage();
    }
  }
}
