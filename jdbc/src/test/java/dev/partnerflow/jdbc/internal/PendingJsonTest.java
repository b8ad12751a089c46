package dev.partnerflow.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.store.PendingStep;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pending steps' column: the text rows already hold, read back to the same steps. */
class PendingJsonTest {
  @Test
  void writes_what_jackson_wrote_for_the_same_maps_and_reads_back_the_same_steps() {
    List<PendingStep> steps = List.of(
        new PendingStep("wait", 1, Instant.parse("2026-12-08T18:40:45.674316070Z"), true, false),
        new PendingStep("join \"all\" \u00e9\u4e2d\n", 3, Instant.parse("2026-12-01T00:00:00Z"), false, true),
        new PendingStep("retry", 2, Instant.parse("2026-12-01T10:15:30.5Z"), false, false));
    List<Map<String, Object>> maps = steps.stream().map(p -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("n", p.nodeId());
      m.put("a", p.attempt());
      m.put("d", p.dueAt().toString());
      if (p.parked()) {
        m.put("p", true);
      }
      if (p.awaitingJoin()) {
        m.put("j", true);
      }
      return m;
    }).toList();

    assertThat(JdbcRunStore.pendingJson(steps)).isEqualTo(JsonCodec.write(maps));
    assertThat(JdbcRunStore.pending(JdbcRunStore.pendingJson(steps))).isEqualTo(steps);
    assertThat(JdbcRunStore.pendingJson(List.of())).isEqualTo("[]");
  }
}
