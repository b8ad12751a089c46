package dev.partnerflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.StepStatus;
import dev.partnerflow.core.store.PendingStep;
import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.jdbc.internal.Dialect;
import dev.partnerflow.jdbc.internal.JdbcRunStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writers that lock several runs' rows lock them in run id order (heartbeats, groups of saves, cancelling a deleted
 * workflow's runs), so that no two of them wait for each other in a cycle, a deadlock PostgreSQL breaks only after
 * {@code deadlock_timeout} by aborting one. Reproduced on main: each updated its rows in the order it read them
 * (here the physical order), or a group per number of attempts.
 */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class PostgresLockOrderTest {
  private static final String ORG = "acme";
  private static final String OWNER = "engine-a";
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private TestDatabases.Schema schema;
  private JdbcStores stores;
  private RunStore runs;

  @BeforeEach
  void open() {
    schema = TestDatabases.postgresSchema();
    stores = JdbcStores.builder().url(schema.url()).databaseLeaseClock(false).build();
    runs = stores.runs();
  }

  @AfterEach
  void close() {
    stores.close();
    schema.drop();
  }

  @Test
  void a_heartbeat_locks_its_runs_in_run_id_order_whatever_order_it_reads_them_in() throws Exception {
    Set<String> lost = takesTheLowerIdFirst("UPDATE pf_runs SET lease_until%",
        () -> runs.heartbeat(OWNER, List.of("run-b", "run-a"), T0.plus(Duration.ofMinutes(10))));

    assertThat(lost).as("runs whose lease was lost").isEmpty();
    assertThat(runs.find(ORG, "run-a").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
  }

  @Test
  void cancelling_a_workflows_runs_locks_them_in_run_id_order() throws Exception {
    int cancelled = takesTheLowerIdFirst("UPDATE pf_runs SET status = 'CANCELLED'%",
        () -> runs.cancelAll(ORG, "welcome", T0.plusSeconds(1), "deleted"));

    assertThat(cancelled).isEqualTo(2);
    assertThat(runs.find(ORG, "run-a").orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
  }

  /**
   * Claims "run-b" then "run-a" (so the table's physical order is the reverse of the run id order), holds run-b on
   * another connection, runs {@code write} until it waits in a statement like {@code waiting}, and asserts that it
   * holds run-a meanwhile: it took the lower id first. @return what {@code write} returned once run-b was let go
   */
  private <T> T takesTheLowerIdFirst(String waiting, Supplier<T> write) throws Exception {
    for (String id : List.of("run-b", "run-a")) {
      runs.createClaimed(queued(id), OWNER, T0, T0.plus(Duration.ofMinutes(5)));
    }
    try (Connection other = DriverManager.getConnection(schema.url())) {
      other.setAutoCommit(false);
      lock(other, "run-b", false);

      CompletableFuture<T> result = CompletableFuture.supplyAsync(write);
      awaitWaitingForALock(waiting);

      assertHeldElsewhere(other, "run-a");
      other.rollback();
      return result.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_group_of_saves_locks_its_runs_in_run_id_order_whatever_their_numbers_of_attempts() throws Exception {
    // one group at a time, so that the saves of run-a and run-b queue behind run-z's into one group
    RunStore oneGroup = new JdbcRunStore(stores.dataSource(), Dialect.POSTGRESQL, JdbcStores.DEFAULT_RETENTION,
        null, 1);
    for (String id : List.of("run-z", "run-b", "run-a")) {
      oneGroup.createClaimed(queued(id), OWNER, T0, T0.plus(Duration.ofMinutes(5)));
    }
    ExecutorService pool = Executors.newCachedThreadPool();
    try (Connection holdsZ = DriverManager.getConnection(schema.url());
        Connection holdsB = DriverManager.getConnection(schema.url())) {
      holdsZ.setAutoCommit(false);
      holdsB.setAutoCommit(false);
      lock(holdsZ, "run-z", false);
      lock(holdsB, "run-b", false);
      Future<Boolean> z = pool.submit(() -> oneGroup.save(succeeded("run-z"), List.of(), OWNER, true, null));
      awaitWaitingForALock("WITH u AS (UPDATE pf_runs%", "UPDATE pf_runs SET status%");
      List<Thread> writers = new CopyOnWriteArrayList<>();
      // run-a records one attempt, run-b none: two statements, yet written a before b
      Future<Boolean> a = pool.submit(() -> {
        writers.add(Thread.currentThread());
        return oneGroup.save(succeeded("run-a"), List.of(attempt("run-a")), OWNER, true, null);
      });
      Future<Boolean> b = pool.submit(() -> {
        writers.add(Thread.currentThread());
        return oneGroup.save(succeeded("run-b"), List.of(), OWNER, true, null);
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (writers.size() < 2 || !writers.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
        assertThat(System.nanoTime()).as("both saves queued behind run-z's group").isLessThan(deadline);
        Thread.onSpinWait();
      }
      holdsZ.rollback();
      assertThat(z.get(30, TimeUnit.SECONDS)).isTrue();
      awaitWaitingForALock("WITH u AS (UPDATE pf_runs%", "UPDATE pf_runs SET status%");

      // the group holds run-a while it waits for run-b
      assertHeldElsewhere(holdsZ, "run-a");
      holdsZ.rollback();
      holdsB.rollback();
      assertThat(a.get(30, TimeUnit.SECONDS)).isTrue();
      assertThat(b.get(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
    assertThat(runs.attempts(ORG, "run-a")).hasSize(1);
  }

  private RunRecord succeeded(String id) {
    RunRecord running = runs.find(ORG, id).orElseThrow();
    return running.next(RunStatus.SUCCEEDED, List.of(), Map.of("hello", Map.of("ok", true)), T0.plusSeconds(1), null);
  }

  private static StepAttempt attempt(String runId) {
    return new StepAttempt(runId, "hello", "send_email", 1, StepStatus.SUCCEEDED, Map.of("subject", "Hi"),
        Map.of("ok", true), T0, T0.plusSeconds(1), null, Optional.empty(), false, 5);
  }

  /** A NOWAIT lock of {@code runId} on {@code c} fails with "lock not available": another transaction holds it. */
  private static void assertHeldElsewhere(Connection c, String runId) {
    assertThatThrownBy(() -> lock(c, runId, true)).isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
  }

  private static void lock(Connection c, String runId, boolean noWait) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT run_id FROM pf_runs WHERE run_id = '" + runId + "' FOR UPDATE"
            + (noWait ? " NOWAIT" : ""))) {
      assertThat(rs.next()).isTrue();
    }
  }

  /** Polls (bounded) until a backend waits for a row lock in a statement starting like one of {@code patterns}. */
  private static void awaitWaitingForALock(String... patterns) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (Connection probe = DriverManager.getConnection(TestDatabases.postgresUrl())) {
      while (true) {
        for (String pattern : patterns) {
          try (PreparedStatement s = probe.prepareStatement("SELECT count(*) FROM pg_stat_activity"
              + " WHERE wait_event_type = 'Lock' AND query LIKE ?")) {
            s.setString(1, pattern);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              if (rs.getInt(1) > 0) {
                return;
              }
            }
          }
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no statement like " + List.of(patterns) + " ever waited for the locked run");
        }
        Thread.onSpinWait();
      }
    }
  }

  private static RunRecord queued(String id) {
    Event event = new Event("evt-" + id, ORG, "partner_created", T0, Map.of());
    return new RunRecord(id, ORG, "welcome", 1, event, false, RunStatus.QUEUED,
        List.of(PendingStep.now("hello", T0)), Map.of(), T0, T0, null, null, 1);
  }
}
