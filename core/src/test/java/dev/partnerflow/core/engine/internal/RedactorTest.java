package dev.partnerflow.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.internal.Texts;
import dev.partnerflow.core.run.StepAttempt;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private static final String URL =
      "https://hooks.slack.com/services/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67890abcdef";
  private static final String SIGNING = "whsec_0123456789abcdefSECRET";

  private final Redactor redactor = Redactor.of(Set.of("url", "signingSecret"),
      Map.of("url", URL, "signingSecret", SIGNING, "method", "POST"));

  @Test
  void a_cut_of_a_secret_is_redacted_not_only_the_whole_value() {
    String cut = URL.substring(20, 100 > URL.length() ? URL.length() : 100);
    String message = "receiver said: bad token '" + cut + "' (truncated)";

    String cleaned = redactor.text(message);

    assertThat(cleaned).doesNotContain("secretToken").doesNotContain("T0AAAAAAA").doesNotContain("services/T0")
        .startsWith("receiver said: bad token '").endsWith("' (truncated)").contains(StepAttempt.REDACTED);
  }

  @Test
  void query_and_path_fragments_of_a_secret_url_are_redacted_in_outputs() {
    Map<String, Object> output = Map.of("echo", List.of("path=/services/T0AAAAAAA/B0BBBBBBB", "token=XyZsecretToken"),
        "status", 200);

    Map<String, Object> cleaned = redactor.output(output);

    assertThat(cleaned.toString()).doesNotContain("T0AAAAAAA").doesNotContain("XyZsecretToken");
    assertThat(cleaned).containsEntry("status", 200);
  }

  @Test
  void every_window_of_eight_characters_or_more_is_caught_and_shorter_ones_are_kept() {
    for (int from = 0; from + 8 <= SIGNING.length(); from++) {
      String part = SIGNING.substring(from, from + 8);
      assertThat(redactor.text("x" + part + "y")).as(part).isEqualTo("x" + StepAttempt.REDACTED + "y");
    }
    assertThat(redactor.text("x" + SIGNING.substring(3, 10) + "y")).isEqualTo("x" + SIGNING.substring(3, 10) + "y");
  }

  @Test
  void overlapping_and_adjacent_matches_become_one_marker() {
    String text = "a" + SIGNING + SIGNING.substring(5) + "b";

    assertThat(redactor.text(text)).isEqualTo("a" + StepAttempt.REDACTED + "b");
  }

  @Test
  void short_secrets_are_matched_whole() {
    Redactor shortOne = Redactor.of(Set.of("token"), Map.of("token", "abc12"));

    assertThat(shortOne.text("token abc12 and abc1")).isEqualTo("token " + StepAttempt.REDACTED + " and abc1");
  }

  @Test
  void a_large_output_is_scanned_in_linear_time() {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      big.append("lorem ipsum ").append(i).append(' ');
    }
    big.append(URL.substring(30, 70));
    String text = big.toString();

    long t0 = System.nanoTime();
    String cleaned = redactor.redact(text);
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertThat(cleaned).endsWith(StepAttempt.REDACTED).doesNotContain(URL.substring(40, 60));
    assertThat(ms).isLessThan(2_000);
  }

  @Test
  void messages_are_capped_after_redaction_even_without_secrets() {
    Redactor none = Redactor.of(Set.of(), Map.of());
    String huge = "e".repeat(10 * 1024 * 1024);

    String capped = none.text(huge);

    assertThat(capped).hasSizeLessThan(Texts.MAX_MESSAGE_CHARS + 100)
        .endsWith("\u2026 [truncated, 10485760 characters in all]");
  }

  @Test
  void a_secret_at_the_cut_is_redacted_before_the_cut() {
    String message = "x".repeat(Texts.MAX_MESSAGE_CHARS - 20) + SIGNING + "y".repeat(100);

    String capped = redactor.text(message);

    assertThat(capped).doesNotContain(SIGNING.substring(0, 8)).doesNotContain("whsec_0123")
        .contains("[redacted]").contains(" characters in all]");
  }

  @Test
  void cap_keeps_short_texts_and_never_splits_a_surrogate_pair() {
    assertThat(Texts.cap("short", 10)).isEqualTo("short");
    assertThat(Texts.cap(null, 10)).isNull();
    assertThat(Texts.cap("ab\uD83D\uDE00cd", 3)).startsWith("ab\u2026");
  }
}
