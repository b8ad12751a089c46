package dev.partnerflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.partnerflow.core.control.DelayConfig;
import dev.partnerflow.core.engine.RunListener;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.testing.SettableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several engines on one PostgreSQL (issue 9, "Several instances on one PostgreSQL"): engines in this JVM, or in
 * child JVMs ({@link ClusterNode}) when a test kills or pauses one. Every step execution is logged by
 * {@link ExecutionLog} in the database, so duplicates and lost runs are counted there.
 */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class ClusterTest {
  private static final Logger log = LoggerFactory.getLogger(ClusterTest.class);
  static final String ORG = "acme";
  static final String TRIGGER = "partner_created";

  @TempDir
  Path dir;
  TestDatabases.Schema schema;
  HikariDataSource logPool;
  final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void schema() {
    schema = TestDatabases.postgresSchema();
    ExecutionLog.createTable(schema.url());
    logPool = ExecutionLog.pool(schema.url(), 12);
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        log.warn("closing {} failed", toClose.get(i), e);
      }
    }
    if (logPool != null) {
      logPool.close();
    }
    if (schema != null) {
      schema.drop();
    }
  }

  // ---- engines, workflows, events ----------------------------------------------------------------------------

  /** Counts runs that finished or went waiting, across engines. */
  static final class Progress implements RunListener {
    final Set<String> finished = ConcurrentHashMap.newKeySet();
    final Set<String> waiting = ConcurrentHashMap.newKeySet();
    final Set<String> leaseLost = ConcurrentHashMap.newKeySet();
    volatile CountDownLatch finishedLatch = new CountDownLatch(0);
    volatile CountDownLatch waitingLatch = new CountDownLatch(0);

    void expectFinished(int n) {
      finished.clear();
      finishedLatch = new CountDownLatch(n);
    }

    void expectWaiting(int n) {
      waiting.clear();
      waitingLatch = new CountDownLatch(n);
    }

    @Override
    public void runFinished(Run run) {
      if (finished.add(run.id())) {
        finishedLatch.countDown();
      }
    }

    @Override
    public void runWaiting(Run run) {
      if (waiting.add(run.id())) {
        waitingLatch.countDown();
      }
    }

    @Override
    public void leaseLost(Run run) {
      leaseLost.add(run.id());
    }

    static void await(CountDownLatch latch, Duration within, String what) throws InterruptedException {
      assertThat(latch.await(within.toMillis(), TimeUnit.MILLISECONDS))
          .as("%s within %s (%d missing)", what, within, latch.getCount()).isTrue();
    }
  }

  WorkflowEngine.Builder engineBuilder(String owner, Clock clock, int threads, Progress progress) {
    WorkflowEngine.Builder b = WorkflowEngine.builder().storeUrl(schema.url())
        .storeProperty(JdbcStores.POOL_SIZE, Integer.toString(threads + 2)).owner(owner).clock(clock)
        .workerThreads(threads).pollInterval(Duration.ofMillis(50)).shutdownGrace(Duration.ofSeconds(10))
        .nodeType(new ExecutionLog(logPool, owner));
    if (progress != null) {
      b.listener(progress);
    }
    return b;
  }

  WorkflowEngine engine(String owner, Clock clock, int threads, Progress progress) {
    return track(engineBuilder(owner, clock, threads, progress).build());
  }

  <T extends AutoCloseable> T track(T closeable) {
    toClose.add(closeable);
    return closeable;
  }

  static void activate(WorkflowEngine engine, Workflow workflow) {
    engine.workflows().activate(ORG, engine.workflows().create(ORG, workflow).id());
  }

  /** trigger, then the given log_execution steps, each holding the given time. */
  static Workflow steps(String id, int holdMillis, String... nodes) {
    Workflow.Builder b = Workflow.builder(ORG, id).id(id).trigger(TRIGGER);
    for (String node : nodes) {
      b.then(node, "log_execution", Map.of("label", node, "holdMillis", holdMillis));
    }
    return b.build();
  }

  static Event event(String id, Instant at) {
    return new Event(id, ORG, TRIGGER, at, Map.of("partner", Map.of("id", id, "name", "Partner " + id)));
  }

  /** Publishes events evt-from..evt-(to-1) through the engines, one thread per engine. */
  static void publishAll(List<WorkflowEngine> engines, String prefix, int events, Clock clock) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(engines.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int e = 0; e < engines.size(); e++) {
        int first = e;
        WorkflowEngine engine = engines.get(e);
        done.add(pool.submit(() -> {
          for (int i = first; i < events; i += engines.size()) {
            engine.publish(event(prefix + i, clock.instant()));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Publishes events so that every run they start waits queued in the store for the pollers: through an engine
   * whose one worker slot is taken by a task its executor never runs (closing it hands that run back, queued).
   */
  void publishQueued(String prefix, int events) throws Exception {
    WorkflowEngine publisher = engineBuilder("publisher", Clock.systemUTC(), 1, null).executor(task -> { })
        .shutdownGrace(Duration.ofMillis(1)).build();
    try {
      publishAll(List.of(publisher, publisher, publisher), prefix, events, Clock.systemUTC());
    } finally {
      publisher.close();
    }
  }

  // ---- database checks ---------------------------------------------------------------------------------------

  long count(String sql) {
    return query(sql, rs -> { }).isEmpty() ? 0 : 0 + queryLong(sql);
  }

  long queryLong(String sql) {
    try (Connection c = DriverManager.getConnection(schema.url()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  List<List<Object>> query(String sql, Consumer<ResultSet> ignored) {
    try (Connection c = DriverManager.getConnection(schema.url()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  List<List<Object>> rows(String sql) {
    return query(sql, rs -> { });
  }

  long notFinal() {
    return queryLong("SELECT COUNT(*) FROM pf_runs WHERE status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED')");
  }

  long succeeded() {
    return queryLong("SELECT COUNT(*) FROM pf_runs WHERE status = 'SUCCEEDED'");
  }

  long executions() {
    return queryLong("SELECT COUNT(*) FROM pf_test_executions");
  }

  /** (run, node) executed more than once, with how often. */
  List<List<Object>> duplicateExecutions() {
    return rows("SELECT run_id, node_id, COUNT(*) FROM pf_test_executions GROUP BY run_id, node_id"
        + " HAVING COUNT(*) > 1");
  }

  /** (run, node) with more than one recorded SUCCEEDED attempt: a fenced-out worker's write that got through. */
  List<List<Object>> duplicateAttemptRows() {
    return rows("SELECT run_id, node_id, COUNT(*) FROM pf_step_attempts WHERE status = 'SUCCEEDED'"
        + " GROUP BY run_id, node_id HAVING COUNT(*) > 1");
  }

  void truncateAll() {
    try (Connection c = DriverManager.getConnection(schema.url()); Statement s = c.createStatement()) {
      s.execute("TRUNCATE pf_step_attempts, pf_runs, pf_test_executions");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long elapsedMillis(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  // ---- 1. claim race -----------------------------------------------------------------------------------------

  static final int RACE_ENGINES = 3;
  static final int RACE_THREADS = 10;
  static final int RACE_WORKFLOWS = 10;
  static final int RACE_EVENTS = 1_000;
  static final int RACE_ROUNDS = 3;

  /**
   * 3 engines × 10 worker threads claim 10,000 queued runs (1,000 events × 10 workflows), 3 rounds: every step
   * executed exactly once, every run final.
   */
  @Test
  void claim_race_three_engines_ten_threads_ten_thousand_runs_three_rounds_no_duplicate_no_lost_run()
      throws Exception {
    int runs = RACE_EVENTS * RACE_WORKFLOWS;
    try (WorkflowEngine setup = engine("setup", Clock.systemUTC(), 1, null)) {
      for (int w = 0; w < RACE_WORKFLOWS; w++) {
        activate(setup, steps("race-" + w, 0, "a", "b"));
      }
    }
    for (int round = 1; round <= RACE_ROUNDS; round++) {
      long t0 = System.nanoTime();
      Progress progress = new Progress();
      progress.expectFinished(runs);
      List<WorkflowEngine> engines = new ArrayList<>();
      for (int e = 0; e < RACE_ENGINES; e++) {
        engines.add(engine("race-" + round + "-" + e, Clock.systemUTC(), RACE_THREADS, progress));
      }
      publishQueued("r" + round + "-evt-", RACE_EVENTS);
      long published = elapsedMillis(t0);
      assertThat(queryLong("SELECT COUNT(*) FROM pf_runs WHERE status = 'QUEUED'")).isEqualTo(runs);
      engines.forEach(WorkflowEngine::start);
      Progress.await(progress.finishedLatch, Duration.ofMinutes(3), "round " + round + ": all runs final");
      for (WorkflowEngine e : engines) {
        e.close();
      }
      assertThat(queryLong("SELECT COUNT(*) FROM pf_runs")).isEqualTo(runs);
      assertThat(succeeded()).as("runs succeeded").isEqualTo(runs);
      assertThat(duplicateExecutions()).as("duplicate step executions").isEmpty();
      assertThat(executions()).as("step executions").isEqualTo(2L * runs);
      assertThat(duplicateAttemptRows()).isEmpty();
      assertThat(rows("SELECT DISTINCT owner FROM pf_test_executions")).as("every engine took part").hasSize(3);
      log.info("claim race round {}: {} runs ({} steps) on {} engines × {} threads in {} ms (published in {} ms)",
          round, runs, 2 * runs, RACE_ENGINES, RACE_THREADS, elapsedMillis(t0), published);
      truncateAll();
    }
  }

  // ---- child-JVM engines -------------------------------------------------------------------------------------

  static final Duration SHORT_LEASE = Duration.ofSeconds(2);
  static final Duration SHORT_STEP_TIMEOUT = Duration.ofSeconds(1);

  ChildEngine child(String url, String owner, int threads) throws Exception {
    return track(ChildEngine.start(dir, url, owner, threads, SHORT_LEASE, SHORT_STEP_TIMEOUT));
  }

  /** Waits until no run is left unfinished, pausing on {@code on} (a child engine) between looks. */
  void awaitAllFinal(ChildEngine on, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (notFinal() > 0) {
      assertThat(System.nanoTime()).as("all runs final within %s; %d left", within, notFinal()).isLessThan(deadline);
      assertThat(on.pause(100)).as("engine %s still running: %s", on.owner, on.log()).isTrue();
    }
  }

  void awaitExecutionsBy(ChildEngine engine, long atLeast, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (queryLong("SELECT COUNT(*) FROM pf_test_executions WHERE owner = '" + engine.owner + "'") < atLeast) {
      assertThat(System.nanoTime()).as("%d executions by %s within %s", atLeast, engine.owner, within)
          .isLessThan(deadline);
      assertThat(engine.pause(20)).as("engine %s still running: %s", engine.owner, engine.log()).isTrue();
    }
  }

  /**
   * Every duplicate execution is one step of {@code victim} executed again by another engine, after the victim's
   * lease expired (at least the step timeout after the victim started it: the lease outlasts it), with the same
   * idempotency key. @return the duplicated run ids
   */
  Set<String> assertDuplicatesAreLeaseExpiryReExecutionsOf(String victim) {
    Set<String> runs = new java.util.HashSet<>();
    for (List<Object> dup : duplicateExecutions()) {
      String run = (String) dup.get(0);
      String node = (String) dup.get(1);
      runs.add(run);
      assertThat(((Number) dup.get(2)).longValue()).as("executions of %s/%s", run, node).isEqualTo(2);
      List<List<Object>> execs = rows("SELECT owner, idem_key, EXTRACT(EPOCH FROM db_time) FROM pf_test_executions"
          + " WHERE run_id = '" + run + "' AND node_id = '" + node + "' ORDER BY seq");
      assertThat(execs.get(0).get(0)).as("first execution of %s/%s", run, node).isEqualTo(victim);
      assertThat(execs.get(1).get(0)).as("re-execution of %s/%s", run, node).isNotEqualTo(victim);
      assertThat(execs.get(1).get(1)).as("idempotency key").isEqualTo(execs.get(0).get(1));
      double gap = ((Number) execs.get(1).get(2)).doubleValue() - ((Number) execs.get(0).get(2)).doubleValue();
      assertThat(gap).as("seconds between the victim's execution of %s/%s and the re-execution", run, node)
          .isGreaterThanOrEqualTo(SHORT_STEP_TIMEOUT.toMillis() / 1000.0);
    }
    return runs;
  }

  static final int CHILD_THREADS = 10;
  static final int CHILD_EVENTS = 1_500;

  /** Three child engines × 10 threads on 1,500 runs of 3 steps holding 50 ms each. */
  List<ChildEngine> startLoad(String url, String prefix) throws Exception {
    try (WorkflowEngine setup = engine("setup", Clock.systemUTC(), 1, null)) {
      activate(setup, steps("load", 50, "a", "b", "c"));
    }
    publishQueued(prefix, CHILD_EVENTS);
    List<ChildEngine> engines = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      engines.add(child(url, prefix + "engine-" + i, CHILD_THREADS));
    }
    return engines;
  }

  // ---- 2. kill -9 --------------------------------------------------------------------------------------------

  @Test
  void kill_9_of_one_of_three_engine_processes_mid_load_every_run_final_and_only_its_steps_in_flight_run_again()
      throws Exception {
    long t0 = System.nanoTime();
    List<ChildEngine> engines = startLoad(schema.url(), "k");
    ChildEngine victim = engines.get(0);
    awaitExecutionsBy(victim, 300, Duration.ofSeconds(60));
    victim.signal("KILL");
    assertThat(victim.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    long leasedByVictim = queryLong("SELECT COUNT(*) FROM pf_runs WHERE lease_owner = '" + victim.owner + "'");
    awaitAllFinal(engines.get(1), Duration.ofMinutes(2));
    assertThat(succeeded()).isEqualTo(CHILD_EVENTS);
    Set<String> duplicated = assertDuplicatesAreLeaseExpiryReExecutionsOf(victim.owner);
    assertThat(duplicated.size()).as("re-executed steps (victim's runs leased at the kill: %d)", leasedByVictim)
        .isLessThanOrEqualTo(CHILD_THREADS);
    assertThat(duplicateAttemptRows()).isEmpty();
    for (ChildEngine survivor : engines.subList(1, 3)) {
      assertThat(survivor.stop(Duration.ofSeconds(30))).as(survivor.log()).isZero();
      assertThat(survivor.lines).contains("CLOSED");
    }
    log.info("kill -9: {} runs of 3 steps on 3 engines × {} threads; {} step(s) of the killed engine executed again"
        + " after its lease; {} ms", CHILD_EVENTS, CHILD_THREADS, duplicated.size(), elapsedMillis(t0));
  }

  // ---- 3. kill -STOP past the lease, kill -CONT ---------------------------------------------------------------

  @Test
  void a_paused_engine_past_its_lease_writes_nothing_when_it_wakes_and_stops_cleanly() throws Exception {
    long t0 = System.nanoTime();
    List<ChildEngine> engines = startLoad(schema.url(), "p");
    ChildEngine paused = engines.get(0);
    awaitExecutionsBy(paused, 300, Duration.ofSeconds(60));
    paused.signal("STOP");
    Set<String> leasedAtPause = new java.util.HashSet<>();
    rows("SELECT run_id FROM pf_runs WHERE lease_owner = '" + paused.owner + "'")
        .forEach(r -> leasedAtPause.add((String) r.get(0)));
    // the others take its runs over once the lease expired
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (queryLong("SELECT COUNT(*) FROM pf_runs WHERE lease_owner = '" + paused.owner + "'") > 0) {
      assertThat(System.nanoTime()).as("the paused engine's runs taken over").isLessThan(deadline);
      assertThat(engines.get(1).pause(50)).isTrue();
    }
    paused.signal("CONT");
    awaitAllFinal(engines.get(1), Duration.ofMinutes(2));
    assertThat(paused.stop(Duration.ofSeconds(30))).as(paused.log()).isZero();
    assertThat(paused.lines).contains("CLOSED");
    assertThat(succeeded()).isEqualTo(CHILD_EVENTS);
    Set<String> duplicated = assertDuplicatesAreLeaseExpiryReExecutionsOf(paused.owner);
    assertThat(leasedAtPause).containsAll(duplicated);
    assertThat(duplicated.size()).isLessThanOrEqualTo(CHILD_THREADS);
    // its writes after waking matched no row: no second attempt row, and it reported each lost lease
    assertThat(duplicateAttemptRows()).isEmpty();
    Set<String> lost = new java.util.HashSet<>();
    paused.lines.stream().filter(l -> l.startsWith("LEASE_LOST ")).forEach(l -> lost.add(l.substring(11)));
    assertThat(lost).containsAll(duplicated);
    for (ChildEngine other : engines.subList(1, 3)) {
      assertThat(other.stop(Duration.ofSeconds(30))).isZero();
    }
    log.info("kill -STOP/-CONT: {} runs leased by the paused engine, {} step(s) executed again, {} lease(s) lost "
        + "reported by it; {} ms", leasedAtPause.size(), duplicated.size(), lost.size(), elapsedMillis(t0));
  }

  // ---- 4. one event id published 1,000 times from 2 engines --------------------------------------------------

  @Test
  void the_same_event_published_a_thousand_times_from_two_engines_at_once_starts_one_run() throws Exception {
    long t0 = System.nanoTime();
    Progress progress = new Progress();
    progress.expectFinished(1);
    WorkflowEngine a = engine("dedupe-a", Clock.systemUTC(), 4, progress).start();
    WorkflowEngine b = engine("dedupe-b", Clock.systemUTC(), 4, progress).start();
    activate(a, steps("welcome", 0, "hello"));
    int perEngine = 1_000;
    int threadsPerEngine = 4;
    CyclicBarrier go = new CyclicBarrier(2 * threadsPerEngine);
    Event event = event("evt-same", Instant.now());
    ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerEngine);
    Set<String> runIds = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (WorkflowEngine engine : List.of(a, b)) {
        for (int t = 0; t < threadsPerEngine; t++) {
          done.add(pool.submit(() -> {
            go.await(30, TimeUnit.SECONDS);
            for (int i = 0; i < perEngine / threadsPerEngine; i++) {
              engine.publish(event).forEach(r -> runIds.add(r.id()));
            }
            return null;
          }));
        }
      }
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    Progress.await(progress.finishedLatch, Duration.ofSeconds(30), "the run final");
    assertThat(runIds).hasSize(1);
    assertThat(queryLong("SELECT COUNT(*) FROM pf_runs")).isEqualTo(1);
    assertThat(executions()).isEqualTo(1);
    log.info("dedupe: one event published {} times from each of 2 engines: 1 run; {} ms", perEngine,
        elapsedMillis(t0));
  }

  // ---- 5. 3-day delays survive a full stop -------------------------------------------------------------------

  @Test
  void a_thousand_runs_on_a_three_day_delay_survive_a_full_stop_and_fire_once_after_restart_none_early()
      throws Exception {
    long t0 = System.nanoTime();
    int runs = 1_000;
    Instant start = Instant.parse("2026-03-02T09:00:00Z");
    SettableClock clock = new SettableClock(start);
    Progress before = new Progress();
    before.expectWaiting(runs);
    WorkflowEngine a = engine("before-a", clock, 4, before).start();
    WorkflowEngine b = engine("before-b", clock, 4, before).start();
    activate(a, Workflow.builder(ORG, "Later").id("later").trigger(TRIGGER)
        .then("wait", "delay", DelayConfig.of(Duration.ofDays(3)))
        .then("fire", "log_execution", Map.of("label", "fire", "holdMillis", 0)).build());
    publishAll(List.of(a, b), "d-evt-", runs, clock);
    Progress.await(before.waitingLatch, Duration.ofMinutes(1), "all runs waiting");
    a.close();
    b.close();
    assertThat(queryLong("SELECT COUNT(*) FROM pf_runs WHERE status = 'WAITING'")).isEqualTo(runs);

    clock.advance(Duration.ofDays(3).minusSeconds(1));
    Progress after = new Progress();
    WorkflowEngine c = engine("after-c", clock, 4, after);
    WorkflowEngine d = engine("after-d", clock, 4, after);
    assertThat(c.runDueWork() + d.runDueWork()).as("runs due a second early").isZero();
    assertThat(executions()).as("fired early").isZero();

    clock.advance(Duration.ofSeconds(1));
    after.expectFinished(runs);
    c.start();
    d.start();
    Progress.await(after.finishedLatch, Duration.ofMinutes(2), "all runs final after the restart");
    assertThat(succeeded()).isEqualTo(runs);
    assertThat(executions()).isEqualTo(runs);
    assertThat(duplicateExecutions()).isEmpty();
    assertThat(queryLong("SELECT COUNT(*) FROM pf_test_executions WHERE engine_time < TIMESTAMP WITH TIME ZONE '"
        + start.plus(Duration.ofDays(3)) + "'")).as("fired before its time").isZero();
    assertThat(queryLong("SELECT COUNT(*) FROM pf_test_executions WHERE owner NOT IN ('after-c', 'after-d')"))
        .isZero();
    log.info("3-day delays: {} runs across a full stop: 0 early, 0 twice, all fired; {} ms", runs,
        elapsedMillis(t0));
  }

  // ---- 6. timers missed during 2 hours of downtime -----------------------------------------------------------

  @Test
  void timers_missed_during_two_hours_of_downtime_fire_once_each_in_order_after_restart() throws Exception {
    long t0 = System.nanoTime();
    int runs = 120;
    Instant start = Instant.parse("2026-03-02T09:00:00Z");
    SettableClock clock = new SettableClock(start);
    Progress before = new Progress();
    before.expectWaiting(runs);
    try (WorkflowEngine a = engine("up", clock, 2, before).start()) {
      assertThat(a.clock()).isSameAs(clock);
      activate(a, Workflow.builder(ORG, "Reminder").id("reminder").trigger(TRIGGER)
          .then("wait", "delay", DelayConfig.of(Duration.ofMinutes(61)))
          .then("fire", "log_execution", Map.of("label", "fire", "holdMillis", 0)).build());
      for (int i = 0; i < runs; i++) {
        a.publish(event("m-evt-" + i, clock.instant()));
        clock.advance(Duration.ofSeconds(30));
      }
      // published from 09:00:00 to 09:59:30: due from 10:01:00 to 11:00:30
      Progress.await(before.waitingLatch, Duration.ofMinutes(1), "all runs waiting");
    }
    Instant stoppedAt = start.plus(Duration.ofMinutes(60));
    Instant restartAt = stoppedAt.plus(Duration.ofHours(2));
    // a run's delay starts when its step runs (a run queued for a free slot starts later): the order to expect is
    // the stored wake-up times, every one of them inside the downtime
    List<String> expected = rows("SELECT event_id FROM pf_runs WHERE status = 'WAITING' ORDER BY due_at, run_id")
        .stream().map(r -> (String) r.get(0)).toList();
    assertThat(expected).hasSize(runs);
    assertThat(queryLong("SELECT COUNT(*) FROM pf_runs WHERE due_at <= TIMESTAMP WITH TIME ZONE '" + stoppedAt
        + "' OR due_at > TIMESTAMP WITH TIME ZONE '" + restartAt + "'")).as("due outside the downtime").isZero();
    clock.set(restartAt);
    Progress after = new Progress();
    after.expectFinished(runs);
    engine("back", clock, 1, after).start();
    Progress.await(after.finishedLatch, Duration.ofMinutes(1), "all runs final after the downtime");
    assertThat(executions()).isEqualTo(runs);
    assertThat(duplicateExecutions()).isEmpty();
    List<String> fired = rows("SELECT r.event_id FROM pf_test_executions x JOIN pf_runs r ON r.run_id = x.run_id"
        + " ORDER BY x.seq").stream().map(r -> (String) r.get(0)).toList();
    assertThat(fired).as("in order of their due times").containsExactlyElementsOf(expected);
    log.info("missed timers: {} due during 2 h of downtime fired once each, in order; {} ms", runs,
        elapsedMillis(t0));
  }

  // ---- 7. one engine's clock 5 minutes ahead -----------------------------------------------------------------

  /** Two engines × 5 threads, lease 3 s, one engine's clock 5 minutes ahead: @return duplicated step executions */
  List<List<Object>> oneEngineFiveMinutesAhead(Map<String, String> storeProperties, Progress progress, int runs)
      throws Exception {
    progress.expectFinished(runs);
    List<WorkflowEngine> engines = new ArrayList<>();
    for (Clock clock : List.of(Clock.systemUTC(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)))) {
      WorkflowEngine.Builder builder = engineBuilder(clock == Clock.systemUTC() ? "on-time" : "ahead", clock, 5,
          progress).lease(Duration.ofSeconds(3)).stepTimeout(Duration.ofSeconds(2));
      storeProperties.forEach(builder::storeProperty);
      engines.add(track(builder.build()));
    }
    activate(engines.get(0), steps("skew", 100, "a", "b"));
    publishQueued("s-evt-", runs);
    engines.forEach(WorkflowEngine::start);
    Progress.await(progress.finishedLatch, Duration.ofMinutes(2), "all runs final");
    assertThat(succeeded()).isEqualTo(runs);
    return duplicateExecutions();
  }

  @Test
  void one_engine_clock_five_minutes_ahead_steals_no_lease_with_the_default_database_lease_clock()
      throws Exception {
    long t0 = System.nanoTime();
    Progress progress = new Progress();
    // no lease.clock property: on PostgreSQL leases are judged by the database's clock by default
    List<List<Object>> duplicates = oneEngineFiveMinutesAhead(Map.of(), progress, 300);
    assertThat(progress.leaseLost).as("leases lost").isEmpty();
    assertThat(duplicates).as("steps executed twice (a stolen lease)").isEmpty();
    assertThat(rows("SELECT DISTINCT owner FROM pf_test_executions")).as("both engines worked").hasSize(2);
    log.info("clock 5 min ahead, default lease clock: 300 runs, 0 leases stolen; {} ms", elapsedMillis(t0));
  }

  // ---- 8. the database unreachable mid-load ------------------------------------------------------------------

  static final Duration OUTAGE = Duration.ofSeconds(20);

  @Test
  void the_database_unreachable_for_a_while_mid_load_loses_no_run_and_the_engine_resumes_by_itself()
      throws Exception {
    long t0 = System.nanoTime();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("//([^:/]+):(\\d+)/").matcher(schema.url());
    assertThat(m.find()).as("host and port in %s", schema.url()).isTrue();
    TcpProxy proxy = track(new TcpProxy(m.group(1), Integer.parseInt(m.group(2))));
    String viaProxy = m.replaceFirst("//127.0.0.1:" + proxy.port() + "/");
    int runs = 600;
    try (WorkflowEngine setup = engine("setup", Clock.systemUTC(), 1, null)) {
      activate(setup, steps("outage", 50, "a", "b"));
    }
    publishQueued("o-evt-", runs);
    ChildEngine engine = child(viaProxy, "behind-proxy", CHILD_THREADS);
    awaitExecutionsBy(engine, 200, Duration.ofSeconds(60));
    proxy.cut();
    long cutAt = System.nanoTime();
    assertThat(engine.pause(OUTAGE.toMillis())).as(engine.log()).isTrue();
    proxy.restore();
    long outageMillis = elapsedMillis(cutAt);
    awaitAllFinal(engine, Duration.ofMinutes(2));
    assertThat(engine.stop(Duration.ofSeconds(30))).isZero();
    String stderr = java.nio.file.Files.readString(engine.stderr);
    log.info("outage: engine log during the test:\n{}", stderr);
    assertThat(succeeded()).as("runs succeeded (0 lost, none failed by the outage)").isEqualTo(runs);
    assertThat(stderr.lines().filter(l -> l.contains("Partnerflow store unreachable"))).as(stderr).hasSize(1);
    assertThat(stderr.lines().filter(l -> l.contains("Partnerflow store reachable again"))).as(stderr).hasSize(1);
    log.info("outage: {} runs, the database unreachable for {} ms mid-load; {} ms", runs, outageMillis,
        elapsedMillis(t0));
  }
}
