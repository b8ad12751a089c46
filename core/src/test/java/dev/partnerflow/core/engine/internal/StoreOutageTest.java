package dev.partnerflow.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StoreOutageTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final StoreOutage outage = new StoreOutage(nanos::get);

  private void after(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void failures_right_after_the_store_answers_again_belong_to_the_same_outage() {
    outage.failed("saving a run", new SQLException("connection refused"));
    after(Duration.ofSeconds(20));
    outage.ok();
    // broken pooled connections fail once each while other calls already succeed
    outage.failed("saving a run", new SQLException("connection is closed"));
    outage.ok();
    after(Duration.ofSeconds(1));
    outage.ok();
    assertThat(outage.ongoing()).isTrue();

    after(StoreOutage.SETTLE);
    outage.ok();
    assertThat(outage.ongoing()).as("answered for SETTLE after the last failure: over").isFalse();
  }

  @Test
  void a_silent_outage_is_over_only_once_the_store_has_answered_for_a_while() {
    // while the database is cut off, calls hang until a timeout: 20 s without a failure and without an answer
    outage.failed("saving a run", new SQLException("I/O error"));
    after(Duration.ofSeconds(20));
    outage.ok();
    assertThat(outage.ongoing()).as("first answer after the silence").isTrue();
    after(Duration.ofMillis(300));
    outage.failed("saving a run", new SQLException("connection is closed"));
    outage.ok();
    after(StoreOutage.SETTLE.minusMillis(1));
    outage.ok();
    assertThat(outage.ongoing()).isTrue();
    after(Duration.ofMillis(1));
    outage.ok();
    assertThat(outage.ongoing()).isFalse();
  }

  @Test
  void a_failure_long_after_recovery_is_a_new_outage() {
    outage.failed("polling for due runs", new SQLException("refused"));
    outage.ok();
    after(StoreOutage.SETTLE);
    outage.ok();
    assertThat(outage.ongoing()).isFalse();
    after(Duration.ofMinutes(1));
    outage.failed("polling for due runs", new SQLException("refused"));
    assertThat(outage.ongoing()).isTrue();
  }

  @Test
  void answers_without_an_outage_change_nothing() {
    outage.ok();
    assertThat(outage.ongoing()).isFalse();
  }
}
