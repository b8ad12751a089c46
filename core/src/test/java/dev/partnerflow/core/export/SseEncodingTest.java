package dev.partnerflow.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SseEncodingTest {
  @Test
  void event_has_event_and_data_lines_and_ends_with_a_blank_line() {
    assertThat(SseEncoding.event("completed", "{\"url\":\"u\"}"))
        .isEqualTo("event: completed\ndata: {\"url\":\"u\"}\n\n");
  }

  @Test
  void data_with_line_breaks_becomes_one_data_line_per_line() {
    assertThat(SseEncoding.event("error", "a\nb\r\nc\rd"))
        .isEqualTo("event: error\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
  }

  @Test
  void empty_data_is_one_empty_data_line() {
    assertThat(SseEncoding.event("x", "")).isEqualTo("event: x\ndata: \n\n");
  }

  @Test
  void comment_starts_with_a_colon_per_line() {
    assertThat(SseEncoding.comment(" connected")).isEqualTo(": connected\n\n");
    assertThat(SseEncoding.comment("hb")).isEqualTo(":hb\n\n");
    assertThat(SseEncoding.comment("a\nb")).isEqualTo(":a\n:b\n\n");
  }

  @Test
  void event_name_with_a_line_break_is_rejected() {
    assertThatThrownBy(() -> SseEncoding.event("a\nevent: evil", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event name");
  }
}
