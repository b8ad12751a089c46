package dev.partnerflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.store.PendingStep;
import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Leases on PostgreSQL are judged by the database's clock by default, while due times stay on the engine's clock:
 * an engine whose clock is 10 minutes behind the database takes over an expired lease as soon as its own clock
 * says the lease is over, neither 10 minutes late nor early.
 */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class PostgresLeaseClockTest {
  private static final Duration LEASE = Duration.ofMinutes(1);
  private final TestDatabases.Schema schema = TestDatabases.postgresSchema();
  private final Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
  private final JdbcStores stores = JdbcStores.builder().url(schema.url()).clock(behind).build();

  @AfterEach
  void close() {
    stores.close();
    schema.drop();
  }

  @Test
  void a_running_runs_due_time_is_its_lease_expiry_on_the_engine_clock() {
    RunStore runs = stores.runs();
    Instant now = behind.instant();
    Event event = new Event("evt-1", "acme", "partner_created", now, Map.of("partner", Map.of("id", "p-1")));
    RunRecord run = new RunRecord("run-1", "acme", "welcome", 1, event, false, RunStatus.QUEUED,
        List.of(PendingStep.now("hello", now)), Map.of(), now, now, null, null, 1);
    assertThat(runs.createClaimed(run, "engine-a", now, now.plus(LEASE)).created()).isTrue();

    assertThat(runs.claimDue(now.plus(LEASE).minusSeconds(5), 10, "engine-b", now.plus(LEASE.multipliedBy(2))))
        .as("lease still held").isEmpty();
    assertThat(runs.claimDue(now.plus(LEASE).plusSeconds(5), 10, "engine-b", now.plus(LEASE.multipliedBy(2))))
        .as("lease over on both clocks: due on the engine's").extracting(RunRecord::id).containsExactly("run-1");
  }
}
