package dev.partnerflow.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TriggerDocsTest {
  private static final Path DOC = Path.of("..", "docs", "triggers.md");

  @ParameterizedTest
  @EnumSource(PartnerTrigger.class)
  void docs_table_has_a_row_per_trigger_with_its_display_name_and_group(PartnerTrigger trigger) throws IOException {
    String row = "| `" + trigger.wireName() + "` | " + trigger.displayName() + " | " + trigger.group().label() + " |";

    assertThat(Files.readString(DOC)).contains(row);
  }
}
