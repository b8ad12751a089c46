package dev.partnerflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.StepError;
import dev.partnerflow.core.run.StepStatus;
import dev.partnerflow.core.store.PendingStep;
import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.jdbc.internal.Dialect;
import dev.partnerflow.jdbc.internal.JdbcRunStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit: concurrent saves are committed together in one transaction, each writer returns only after its own
 * record is committed, a fenced save in a group affects only itself, and a group whose transaction fails is written
 * again entry by entry so that only the failing entry fails (nothing of it half written), unless the database
 * cannot be reached at all.
 *
 * <p>Groups are formed deterministically: the first writer's transaction is held at {@code getConnection} until the
 * other writers are queued behind it; the next transaction then carries all of them.
 */
public class GroupCommitTest {
  private static final String ORG = "acme";
  private static final String OWNER = "engine-a";
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private GatedDataSource ds;
  private JdbcStores stores;
  private RunStore runs;
  private ExecutorService pool;

  /** The database under test: H2 in memory here, PostgreSQL in {@link PostgresGroupCommitTest}. */
  protected DataSource database() {
    return TestDatabases.h2MemDataSource();
  }

  protected Dialect dialect() {
    return Dialect.H2;
  }

  protected void dropDatabase() {}

  @BeforeEach
  void open() {
    ds = new GatedDataSource(database());
    stores = JdbcStores.builder().dataSource(ds).build();
    // one group at a time, so that the groups these tests form are the only ones
    runs = new JdbcRunStore(ds, dialect(), JdbcStores.DEFAULT_RETENTION, null, 1);
    pool = Executors.newCachedThreadPool();
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    stores.close();
    dropDatabase();
  }

  @Test
  void concurrent_saves_are_committed_in_one_transaction_and_each_returns_after_its_commit() throws Exception {
    List<RunRecord> running = createRunning(5);
    List<Future<Boolean>> saved = saveConcurrently(runs, running.stream().map(r -> step(r, "hello")).toList());

    assertThat(saved).allSatisfy(f -> assertThat(f.get(10, TimeUnit.SECONDS)).isTrue());
    assertThat(ds.connectionsSinceArmed()).as("the first writer's transaction, then one for the other four")
        .isEqualTo(2);
    for (RunRecord r : running) {
      assertThat(runs.find(ORG, r.id()).orElseThrow().version()).isEqualTo(r.version() + 1);
      assertThat(runs.attempts(ORG, r.id())).extracting(StepAttempt::nodeId).containsExactly("hello");
    }
  }

  @Test
  void a_save_that_lost_its_lease_writes_nothing_and_does_not_disturb_its_group() throws Exception {
    List<RunRecord> running = createRunning(5);
    List<RunRecord> next = new ArrayList<>(running.stream().map(r -> step(r, "hello")).toList());
    RunRecord stale = running.get(3);
    // another worker took this run over: its version moved on, so this save is fenced out
    assertThat(runs.claim(stale.id(), "engine-b", T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2))))
        .isPresent();

    List<Future<Boolean>> saved = saveConcurrently(runs, next);

    assertThat(saved.get(3).get(10, TimeUnit.SECONDS)).isFalse();
    for (int i : new int[] {0, 1, 2, 4}) {
      assertThat(saved.get(i).get(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(ds.connectionsSinceArmed()).isEqualTo(2);
    assertThat(runs.attempts(ORG, stale.id())).isEmpty();
    assertThat(runs.find(ORG, stale.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
  }

  @Test
  void when_one_entry_fails_the_group_is_rewritten_entry_by_entry_and_only_that_entry_fails() throws Exception {
    List<RunRecord> running = createRunning(5);
    List<RunRecord> next = running.stream().map(r -> step(r, "hello")).toList();
    List<RunRecord> saves = new ArrayList<>(next);
    // the third carries a node type longer than its column: the database refuses that one attempt row
    List<List<StepAttempt>> attempts = new ArrayList<>();
    for (int i = 0; i < saves.size(); i++) {
      attempts.add(List.of(attempt(saves.get(i), i == 2 ? "x".repeat(300) : "send_email")));
    }

    List<Future<Boolean>> saved = saveConcurrently(runs, saves, attempts);
    awaitAll(saved);
    assertThat(ds.connectionsSinceArmed()).as("first writer, the failed group, then the four again one by one")
        .isEqualTo(2 + 4);
    for (int i : new int[] {0, 1, 3, 4}) {
      assertThat(saved.get(i).get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(runs.attempts(ORG, saves.get(i).id())).hasSize(1);
    }
    assertThat(saved.get(2)).failsWithin(Duration.ofSeconds(10))
        .withThrowableThat().havingRootCause().isInstanceOf(SQLException.class);
    RunRecord untouched = runs.find(ORG, saves.get(2).id()).orElseThrow();
    assertThat(untouched.version()).as("its state update was rolled back with its attempt")
        .isEqualTo(running.get(2).version());
    assertThat(runs.attempts(ORG, saves.get(2).id())).isEmpty();
  }

  @Test
  void when_the_database_cannot_be_reached_the_whole_group_fails_at_once() throws Exception {
    List<RunRecord> running = createRunning(5);
    ds.unreachable = true;
    List<Future<Boolean>> saved = saveConcurrently(runs, running.stream().map(r -> step(r, "hello")).toList());
    awaitAll(saved);

    assertThat(ds.connectionsSinceArmed()).as("the first writer, then one try for the other four, not one each")
        .isEqualTo(2);
    assertThat(saved).allSatisfy(f -> assertThat(f).failsWithin(Duration.ofSeconds(10))
        .withThrowableThat().havingRootCause().isInstanceOf(SQLTransientConnectionException.class));
    ds.unreachable = false;
    for (RunRecord r : running) {
      assertThat(runs.find(ORG, r.id()).orElseThrow().version()).isEqualTo(r.version());
    }
  }

  @Test
  void a_group_of_saves_with_different_numbers_of_attempts_records_each_saves_own() throws Exception {
    List<RunRecord> running = createRunning(4);
    List<RunRecord> next = running.stream().map(r -> step(r, "hello")).toList();
    List<List<StepAttempt>> attempts = new ArrayList<>();
    for (int i = 0; i < next.size(); i++) {
      List<StepAttempt> some = new ArrayList<>();
      for (int k = 0; k < i; k++) {
        some.add(attempt(next.get(i), "send_email"));
      }
      attempts.add(some);
    }

    List<Future<Boolean>> saved = saveConcurrently(runs, next, attempts);

    assertThat(saved).allSatisfy(f -> assertThat(f.get(10, TimeUnit.SECONDS)).isTrue());
    assertThat(ds.connectionsSinceArmed()).isEqualTo(2);
    for (int i = 0; i < next.size(); i++) {
      assertThat(runs.find(ORG, next.get(i).id()).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(runs.attempts(ORG, next.get(i).id())).as("run %d", i).hasSize(i);
    }
  }

  /**
   * Every column a save writes, and every field of its attempts, comes out of a group as it does from the same save
   * written alone: runs that stay running under their lease and runs let go, attempts with and without errors,
   * strings that need quoting in any encoding, nulls, microseconds.
   */
  @Test
  void a_save_in_a_group_writes_exactly_what_the_same_save_writes_alone() throws Exception {
    List<RunRecord> alone = createRunning(0, 4);
    List<RunRecord> grouped = createRunning(10, 4);
    List<Callable<Boolean>> groupSaves = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      SaveArgs a = saveArgs(alone.get(i), i);
      assertThat(runs.save(a.next(), a.attempts(), OWNER, a.release(), a.leaseUntil())).isTrue();
      SaveArgs g = saveArgs(grouped.get(i), i);
      groupSaves.add(() -> runs.save(g.next(), g.attempts(), OWNER, g.release(), g.leaseUntil()));
    }

    List<Future<Boolean>> saved = saveInOneGroup(groupSaves);

    assertThat(saved).allSatisfy(f -> assertThat(f.get(10, TimeUnit.SECONDS)).isTrue());
    assertThat(ds.connectionsSinceArmed()).as("the last three saves in one group").isEqualTo(2);
    for (int i = 0; i < 4; i++) {
      String a = alone.get(i).id();
      String g = grouped.get(i).id();
      assertThat(row(g)).as("run %d's row", i).isEqualTo(row(a));
      assertThat(runs.find(ORG, g).orElseThrow()).usingRecursiveComparison()
          .ignoringFields("id", "event").isEqualTo(runs.find(ORG, a).orElseThrow());
      assertThat(runs.attempts(ORG, g)).as("run %d's attempts", i).usingRecursiveFieldByFieldElementComparator()
          .isEqualTo(runs.attempts(ORG, a).stream().map(x -> withRunId(x, g)).toList());
      assertThat(runs.attempts(ORG, g)).hasSize(i);
    }
  }

  private record SaveArgs(RunRecord next, List<StepAttempt> attempts, boolean release, Instant leaseUntil) {}

  /** Save {@code i} of four: running under its lease (0, 2) or finished (1, 3), with {@code i} attempts. */
  private static SaveArgs saveArgs(RunRecord running, int i) {
    String tricky = "quote \" \\ back, {brace} NULL \t tab\nline é 日本 \u0001";
    Instant at = T0.plusNanos(1_234_567_891L * (i + 1));
    RunRecord next = i % 2 == 0
        ? running.next(RunStatus.RUNNING, List.of(PendingStep.now("next", at)), Map.of("hello", Map.of("t", tricky)),
            at, null)
        : running.next(RunStatus.FAILED, List.of(), Map.of(), at, "failed: " + tricky);
    List<StepAttempt> attempts = new ArrayList<>();
    for (int k = 0; k < i; k++) {
      Optional<StepError> error = k == 0 ? Optional.empty()
          : Optional.of(new StepError("smtp." + k, tricky, k % 2 == 0));
      attempts.add(new StepAttempt(running.id(), "node-" + k, "send_email", k + 1,
          error.isPresent() ? StepStatus.FAILED : StepStatus.SUCCEEDED, Map.of("subject", tricky, "n", k),
          Map.of("to", List.of("a@b.example", tricky), "big", 12345678901L, "none", Map.of()),
          at, at.plusNanos(999), Duration.ofNanos(999), error, k == 2, 7 * k));
    }
    return new SaveArgs(next, attempts, i % 2 == 1, i % 2 == 0 ? at.plus(Duration.ofMinutes(5)) : null);
  }

  private static StepAttempt withRunId(StepAttempt a, String runId) {
    return new StepAttempt(runId, a.nodeId(), a.nodeType(), a.attempt(), a.status(), a.input(), a.output(),
        a.startedAt(), a.finishedAt(), a.duration(), a.error(), a.dryRun(), a.minutesSaved());
  }

  /** A run's row as stored, every column but its id and event, as strings. */
  private Map<String, String> row(String runId) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT * FROM pf_runs WHERE run_id = ?")) {
      ps.setString(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        Map<String, String> columns = new TreeMap<>();
        for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
          String name = rs.getMetaData().getColumnLabel(k).toLowerCase(Locale.ROOT);
          if (!Set.of("run_id", "event_id", "event_data").contains(name)) {
            columns.put(name, rs.getString(k));
          }
        }
        return columns;
      }
    }
  }

  @Test
  void with_two_groups_in_flight_a_writer_does_not_wait_for_another_writers_commit() throws Exception {
    RunStore twoGroups = new JdbcRunStore(ds, dialect(), JdbcStores.DEFAULT_RETENTION, null, 2);
    List<RunRecord> running = createRunning(2);
    ds.arm();
    Future<Boolean> first = pool.submit(() -> twoGroups.save(step(running.get(0), "hello"),
        List.of(attempt(running.get(0), "send_email")), OWNER, true, null));
    assertThat(ds.held.await(10, TimeUnit.SECONDS)).as("first writer reached the database").isTrue();

    Future<Boolean> second = pool.submit(() -> twoGroups.save(step(running.get(1), "hello"),
        List.of(attempt(running.get(1), "send_email")), OWNER, true, null));
    assertThat(second.get(10, TimeUnit.SECONDS)).as("committed while the first is still held").isTrue();
    assertThat(first).isNotDone();

    ds.release();
    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    for (RunRecord r : running) {
      assertThat(twoGroups.find(ORG, r.id()).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
    }
  }

  @Test
  void by_default_step_records_written_meanwhile_queue_into_the_next_group() throws Exception {
    List<RunRecord> running = createRunning(3);

    // the store as JdbcStores opens it: one group of step records in flight (new runs commit beside it, below)
    List<Future<Boolean>> saved =
        saveConcurrently(stores.runs(), running.stream().map(r -> step(r, "hello")).toList());

    assertThat(saved).allSatisfy(f -> assertThat(f.get(10, TimeUnit.SECONDS)).isTrue());
    assertThat(ds.connectionsSinceArmed()).as("the first writer's group, then one for the other two").isEqualTo(2);
  }

  @Test
  void a_new_run_is_committed_without_waiting_for_the_step_records_being_written() throws Exception {
    List<RunRecord> running = createRunning(1);
    ds.arm();
    Future<Boolean> save = pool.submit(() -> runs.save(step(running.get(0), "hello"),
        List.of(attempt(running.get(0), "send_email")), OWNER, true, null));
    assertThat(ds.held.await(10, TimeUnit.SECONDS)).as("the step record's group reached the database").isTrue();

    // the only group of step records is held: a publishing thread's new run must not queue behind it
    Future<RunRecord> created = pool.submit(() -> runs.createClaimed(queued(7), OWNER, T0,
        T0.plus(Duration.ofMinutes(5))).run());
    assertThat(created.get(10, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.RUNNING);
    assertThat(save).isNotDone();

    ds.release();
    assertThat(save.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(runs.find(ORG, "run-7")).isPresent();
  }

  private static void awaitAll(List<Future<Boolean>> futures) throws Exception {
    for (Future<Boolean> f : futures) {
      try {
        f.get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException expected) {
        // asserted by the caller
      }
    }
  }

  // ---- fixtures --------------------------------------------------------------------------------------------------

  private List<RunRecord> createRunning(int n) {
    return createRunning(0, n);
  }

  private List<RunRecord> createRunning(int from, int n) {
    List<RunRecord> running = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      running.add(runs.createClaimed(queued(i), OWNER, T0, T0.plus(Duration.ofMinutes(5))).run());
    }
    return running;
  }

  private static RunRecord queued(int i) {
    Event event = new Event("evt-" + i, ORG, "partner_created", T0, Map.of("partner", Map.of("id", "p-" + i)));
    return new RunRecord("run-" + i, ORG, "welcome", 1, event, false, RunStatus.QUEUED,
        List.of(PendingStep.now("hello", T0)), Map.of(), T0, T0, null, null, 1);
  }

  private static RunRecord step(RunRecord running, String nodeId) {
    return running.next(RunStatus.SUCCEEDED, List.of(), Map.of(nodeId, Map.of("ok", true)), T0.plusSeconds(1),
        null);
  }

  private static StepAttempt attempt(RunRecord run, String nodeType) {
    return new StepAttempt(run.id(), "hello", nodeType, 1, StepStatus.SUCCEEDED, Map.of("subject", "Hi"),
        Map.of("ok", true), T0, T0.plusSeconds(1), null, Optional.empty(), false, 5);
  }

  /** Saves {@code next}, each with one attempt, on {@code store}, all but the first in one group. */
  private List<Future<Boolean>> saveConcurrently(RunStore store, List<RunRecord> next) throws Exception {
    List<List<StepAttempt>> attempts = next.stream().map(r -> List.of(attempt(r, "send_email"))).toList();
    return saveConcurrently(store, next, attempts);
  }

  private List<Future<Boolean>> saveConcurrently(RunStore store, List<RunRecord> next,
      List<List<StepAttempt>> attempts) throws Exception {
    List<Callable<Boolean>> saves = new ArrayList<>();
    for (int i = 0; i < next.size(); i++) {
      int k = i;
      saves.add(() -> store.save(next.get(k), attempts.get(k), OWNER, true, null));
    }
    return saveInOneGroup(saves);
  }

  /** The first save's transaction is held until the others are queued behind it (their threads parked). */
  private List<Future<Boolean>> saveInOneGroup(List<Callable<Boolean>> saves)
      throws Exception {
    ds.arm();
    List<Future<Boolean>> futures = new ArrayList<>();
    List<Thread> writers = new ArrayList<>();
    CountDownLatch started = new CountDownLatch(saves.size() - 1);
    futures.add(pool.submit(saves.get(0)));
    assertThat(ds.held.await(10, TimeUnit.SECONDS)).as("first writer reached the database").isTrue();
    for (int i = 1; i < saves.size(); i++) {
      Callable<Boolean> save = saves.get(i);
      futures.add(pool.submit(() -> {
        synchronized (writers) {
          writers.add(Thread.currentThread());
        }
        started.countDown();
        return save.call();
      }));
    }
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!allParked(writers)) {
      assertThat(System.nanoTime()).as("writers queued behind the first").isLessThan(deadline);
      Thread.onSpinWait();
    }
    ds.release();
    return futures;
  }

  private static boolean allParked(List<Thread> writers) {
    synchronized (writers) {
      return writers.stream().allMatch(t -> t.getState() == Thread.State.WAITING);
    }
  }

  /** A real H2 data source whose next connection, once armed, is held until released; counts connections. */
  private static final class GatedDataSource extends ForwardingDataSource {
    private final AtomicInteger connections = new AtomicInteger();
    private volatile CountDownLatch gate;
    private volatile CountDownLatch armed;
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile boolean unreachable;
    private int armedAt;

    GatedDataSource(DataSource delegate) {
      super(delegate);
    }

    void arm() {
      held = new CountDownLatch(1);
      armed = new CountDownLatch(1);
      gate = armed;
      armedAt = connections.get();
    }

    void release() {
      armed.countDown();
    }

    int connectionsSinceArmed() {
      return connections.get() - armedAt;
    }

    @Override
    public Connection getConnection() throws SQLException {
      connections.incrementAndGet();
      CountDownLatch g = gate;
      if (g != null) {
        gate = null;
        held.countDown();
        try {
          if (!g.await(10, TimeUnit.SECONDS)) {
            throw new SQLException("gate not released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException(e);
        }
      }
      if (unreachable) {
        throw new SQLTransientConnectionException("Connection is not available, request timed out", "08001");
      }
      return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
