package dev.partnerflow.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsInToStringTest {
  private static final String SIGNING = "whsec_shhh-very-secret-123";
  private static final String HOOK = "https://hooks.slack.com/services/T000/B000/tokenTOKENtoken";
  private static final String BOT = "xoxb-1234-5678-abcdefghij";

  private final Workflow workflow = Workflow.builder("acme", "Signed CRM call")
      .id("crm")
      .trigger("partner_created")
      .then("crm", "webhook", Map.of("url", "https://crm.example/hook?token=qwerty123456", "signingSecret", SIGNING))
      .then("slack", "send_slack", Map.of("webhookUrl", HOOK, "botToken", BOT, "text", "hi"))
      .build();

  @Test
  void node_toString_prints_id_type_and_config_keys_but_no_values() {
    Node node = workflow.graph().node("crm").orElseThrow();

    assertThat(node.toString()).contains("crm", "webhook", "url", "signingSecret")
        .doesNotContain(SIGNING).doesNotContain("qwerty").doesNotContain("crm.example");
  }

  @Test
  void workflow_and_graph_toString_summarize_without_config_values() {
    for (String text : List.of(workflow.toString(), workflow.graph().toString())) {
      assertThat(text).contains("crm").contains("send_slack")
          .doesNotContain(SIGNING).doesNotContain(HOOK).doesNotContain("tokenTOKEN").doesNotContain(BOT)
          .doesNotContain("qwerty");
    }
    assertThat(workflow.toString()).contains("id=crm", "organizationId=acme", "name=Signed CRM call",
        "slack (send_slack)", "edges=2");
  }
}
