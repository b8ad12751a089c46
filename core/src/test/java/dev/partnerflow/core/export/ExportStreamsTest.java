package dev.partnerflow.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ExportStreamsTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final UUID LESSON = UUID.fromString("2f1c7f4e-8a7b-4c1e-9a4b-1f0e2d3c4b5a");

  private final ManualStreamScheduler scheduler = new ManualStreamScheduler(T0);
  private final List<Instant> polls = new ArrayList<>();
  private Function<ExportQuery, ExportStatus> answer = q -> ExportStatus.pending();
  private final ExportStreams streams = ExportStreams.builder()
      .poller(q -> {
        polls.add(scheduler.now());
        return answer.apply(q);
      })
      .scheduler(scheduler)
      .clock(scheduler.clock())
      .build();
  private final RecordingSink sink = new RecordingSink();

  static final class RecordingSink implements SseSink {
    final StringBuilder text = new StringBuilder();
    boolean closed;
    int writesBeforeFailure = Integer.MAX_VALUE;

    @Override
    public void write(String s) throws IOException {
      if (writesBeforeFailure-- <= 0) {
        throw new IOException("Broken pipe");
      }
      text.append(s);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static ExportStatus.Completed completed(Optional<String> key, Instant at) {
    return new ExportStatus.Completed("https://files.test/l.pptx", 42, "deck-1", key, at);
  }

  private ExportStream open(Optional<String> cacheKey) {
    return streams.open("org-acme", LESSON, cacheKey, sink);
  }

  @Test
  void connected_comment_is_written_before_open_returns_and_first_poll_runs_at_once() {
    ExportStream stream = open(Optional.empty());
    assertThat(sink.text.toString()).isEqualTo(": connected\n\n");
    assertThat(stream.query().streamStartedAt()).isEqualTo(T0);
    scheduler.runDueTasks();
    assertThat(polls).containsExactly(T0);
  }

  @Test
  void polls_every_one_and_a_half_seconds() {
    open(Optional.empty());
    scheduler.advance(Duration.ofSeconds(6));
    assertThat(polls).containsExactly(T0, T0.plusMillis(1500), T0.plusMillis(3000), T0.plusMillis(4500),
        T0.plusMillis(6000));
  }

  @Test
  void heartbeat_comment_every_fifteen_seconds() {
    open(Optional.empty());
    scheduler.advance(Duration.ofMillis(14_999));
    assertThat(sink.text.toString()).isEqualTo(": connected\n\n");
    scheduler.advance(Duration.ofMillis(1));
    assertThat(sink.text.toString()).isEqualTo(": connected\n\n:hb\n\n");
    scheduler.advance(Duration.ofSeconds(15));
    assertThat(sink.text.toString()).isEqualTo(": connected\n\n:hb\n\n:hb\n\n");
  }

  @Test
  void completed_export_sends_completed_event_with_url_cost_and_model_then_closes() {
    ExportStream stream = open(Optional.empty());
    answer = q -> scheduler.now().isBefore(T0.plusSeconds(3)) ? ExportStatus.pending()
        : completed(Optional.of("k1"), scheduler.now());
    scheduler.advance(Duration.ofMinutes(1));

    assertThat(sink.text.toString()).isEqualTo(": connected\n\n"
        + "event: completed\ndata: {\"url\":\"https://files.test/l.pptx\",\"costCents\":42,\"model\":\"deck-1\"}\n\n");
    assertThat(sink.closed).isTrue();
    assertThat(stream.isOpen()).isFalse();
    assertThat(polls).hasSize(3);
    assertThat(scheduler.pendingTasks()).isZero();
    assertThat(streams.openStreamCount()).isZero();
  }

  @Test
  void failed_export_sends_error_event_with_message_then_closes() {
    open(Optional.empty());
    answer = q -> new ExportStatus.Failed("rendering failed: slide 3 is too large");
    scheduler.runDueTasks();
    assertThat(sink.text.toString()).endsWith(
        "event: error\ndata: {\"message\":\"rendering failed: slide 3 is too large\"}\n\n");
    assertThat(sink.closed).isTrue();
  }

  @Test
  void after_five_minutes_sends_error_event_and_stops_polling() {
    open(Optional.empty());
    scheduler.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(sink.closed).isFalse();
    scheduler.advance(Duration.ofMillis(1));

    String text = sink.text.toString();
    assertThat(text).endsWith("event: error\ndata: {\"message\":\"export did not complete within 5 minutes\"}\n\n");
    assertThat(text.split(":hb\n\n", -1)).hasSize(20);
    assertThat(polls).hasSize(200).last().isEqualTo(T0.plusMillis(298_500));
    assertThat(sink.closed).isTrue();
    scheduler.advance(Duration.ofMinutes(10));
    assertThat(polls).hasSize(200);
  }

  @Test
  void with_cache_key_only_an_export_with_that_key_completes_the_stream() {
    open(Optional.of("wanted"));
    answer = q -> completed(Optional.of("other"), scheduler.now());
    scheduler.advance(Duration.ofSeconds(3));
    assertThat(sink.closed).isFalse();

    answer = q -> completed(Optional.empty(), scheduler.now());
    scheduler.advance(Duration.ofSeconds(3));
    assertThat(sink.closed).isFalse();

    answer = q -> completed(Optional.of("wanted"), T0.minus(Duration.ofDays(2)));
    scheduler.advance(Duration.ofMillis(1500));
    assertThat(sink.text.toString()).contains("event: completed");
    assertThat(sink.closed).isTrue();
  }

  @Test
  void without_cache_key_a_stale_export_does_not_complete_but_a_fresh_one_does() {
    open(Optional.empty());
    answer = q -> completed(Optional.of("old"), T0.minus(ExportStreams.DEFAULT_FRESHNESS_GRACE).minusMillis(1));
    scheduler.advance(Duration.ofSeconds(3));
    assertThat(sink.closed).isFalse();

    answer = q -> completed(Optional.of("just-before"), T0.minus(ExportStreams.DEFAULT_FRESHNESS_GRACE));
    scheduler.advance(Duration.ofMillis(1500));
    assertThat(sink.text.toString()).contains("event: completed");
  }

  @Test
  void the_poller_is_told_lesson_organization_cache_key_and_start_time() {
    List<ExportQuery> seen = new ArrayList<>();
    answer = q -> {
      seen.add(q);
      return ExportStatus.pending();
    };
    open(Optional.of("k"));
    scheduler.runDueTasks();
    assertThat(seen).containsExactly(new ExportQuery("org-acme", LESSON, Optional.of("k"), T0));
  }

  @Test
  void transient_poller_failures_are_retried_and_reset_by_a_success() {
    int[] calls = {0};
    answer = q -> {
      calls[0]++;
      if (calls[0] % 3 != 0) {
        throw new IllegalStateException("db blip");
      }
      return ExportStatus.pending();
    };
    open(Optional.empty());
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(sink.closed).isFalse();
    assertThat(calls[0]).isEqualTo(21);
  }

  @Test
  void three_poller_failures_in_a_row_end_the_stream_with_an_error() {
    answer = q -> {
      throw new IllegalStateException("db down");
    };
    open(Optional.empty());
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(polls).hasSize(ExportStreams.DEFAULT_MAX_CONSECUTIVE_POLL_FAILURES);
    assertThat(sink.text.toString()).endsWith(
        "event: error\ndata: {\"message\":\"export status is unavailable, please try again\"}\n\n");
    assertThat(sink.text.toString()).doesNotContain("db down");
  }

  @Test
  void a_poller_answering_null_counts_as_a_failure() {
    answer = q -> null;
    open(Optional.empty());
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(polls).hasSize(3);
    assertThat(sink.text.toString()).contains("event: error");
  }

  @Test
  void a_failed_write_stops_polling_at_once() {
    sink.writesBeforeFailure = 1;
    ExportStream stream = open(Optional.empty());
    scheduler.advance(Duration.ofSeconds(15));
    assertThat(stream.isOpen()).isFalse();
    assertThat(sink.closed).isTrue();
    int pollsAtDisconnect = polls.size();
    assertThat(pollsAtDisconnect).isEqualTo(10); // 0 s .. 13.5 s; the heartbeat at 15 s runs before the poll due then
    assertThat(scheduler.pendingTasks()).isZero();
    scheduler.advance(Duration.ofMinutes(10));
    assertThat(polls).hasSize(pollsAtDisconnect);
  }

  @Test
  void a_client_gone_before_connected_was_written_leaves_nothing_scheduled() {
    sink.writesBeforeFailure = 0;
    ExportStream stream = open(Optional.empty());
    assertThat(stream.isOpen()).isFalse();
    assertThat(scheduler.pendingTasks()).isZero();
    assertThat(streams.openStreamCount()).isZero();
  }

  @Test
  void cancel_stops_polling_at_once_and_is_idempotent() {
    ExportStream stream = open(Optional.empty());
    scheduler.advance(Duration.ofSeconds(3));
    stream.cancel();
    stream.cancel();
    assertThat(scheduler.pendingTasks()).isZero();
    scheduler.advance(Duration.ofMinutes(10));
    assertThat(polls).hasSize(3);
    assertThat(sink.text.toString()).isEqualTo(": connected\n\n");
    assertThat(sink.closed).isTrue();
  }

  @Test
  void opening_on_a_closed_scheduler_fails_and_leaves_nothing_open() {
    scheduler.close();
    assertThatThrownBy(() -> open(Optional.empty())).isInstanceOf(IllegalStateException.class);
    assertThat(streams.openStreamCount()).isZero();
    assertThat(sink.closed).isTrue();
  }

  @Test
  void closing_the_streams_cancels_every_open_stream() {
    open(Optional.empty());
    streams.open("org-acme", LESSON, Optional.empty(), new RecordingSink());
    assertThat(streams.openStreamCount()).isEqualTo(2);
    streams.close();
    assertThat(streams.openStreamCount()).isZero();
    assertThat(scheduler.pendingTasks()).isZero();
  }

  @Test
  void builder_rejects_out_of_range_values_naming_the_option() {
    assertThatThrownBy(() -> ExportStreams.builder().pollInterval(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pollInterval must be between PT0.1S and PT1M, but was PT0.01S");
    assertThatThrownBy(() -> ExportStreams.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("poller(...)");
  }

  @Test
  void defaults_match_the_seed() {
    assertThat(ExportStreams.DEFAULT_POLL_INTERVAL).isEqualTo(Duration.ofMillis(1500));
    assertThat(ExportStreams.DEFAULT_HEARTBEAT_INTERVAL).isEqualTo(Duration.ofSeconds(15));
    assertThat(ExportStreams.DEFAULT_TIMEOUT).isEqualTo(Duration.ofMinutes(5));
  }
}
