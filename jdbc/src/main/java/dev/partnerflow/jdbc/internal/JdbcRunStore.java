package dev.partnerflow.jdbc.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.run.StepError;
import dev.partnerflow.core.run.StepStatus;
import dev.partnerflow.core.store.ActiveSet;
import dev.partnerflow.core.store.CreateResult;
import dev.partnerflow.core.store.Page;
import dev.partnerflow.core.store.PendingStep;
import dev.partnerflow.core.store.RunQuery;
import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.ScanClaim;
import dev.partnerflow.core.store.WorkflowRef;
import dev.partnerflow.core.store.WorkflowStore;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs in {@code pf_runs} (the immutable start written once; status, pending steps, error, version and lease
 * changing) and {@code pf_step_attempts} (appended; the outputs of a run are its nodes' SUCCEEDED attempts' outputs,
 * read back into {@link RunRecord#outputs()} instead of being rewritten on every save).
 *
 * <p>{@code due_at} is when a run may next be claimed: its wake-up time while queued or waiting, its lease expiry
 * while running, never earlier than a lease still held; NULL once final. Claims set a lease (owner, expiry) and
 * raise the version; every later write matches run id, version and owner, so a worker that lost its lease writes
 * 0 rows. Dedupe is the unique index on (organization, workflow, event id), kept as long as the run is kept.
 */
public final class JdbcRunStore implements RunStore {
  private static final Logger log = LoggerFactory.getLogger(JdbcRunStore.class);
  static final String COLUMNS = "run_id, organization_id, workflow_id, workflow_version, event_id, event_type,"
      + " event_occurred_at, event_data, test_run, created_at, status, pending, error, updated_at, finished_at,"
      + " version";
  private static final String LIVE = "status IN ('QUEUED', 'WAITING', 'RUNNING')";
  private static final int IN_CHUNK = 500;
  private static final int PURGE_BATCH = 500;

  /** At most this many writers' entries in one group commit. */
  private static final int MAX_GROUP = 256;

  /**
   * How many group transactions of new runs may be in flight at once. With one, two publishing threads took turns
   * (each waited for the other's commit: half the throughput of two); two lets them commit side by side.
   */
  static final int NEW_RUN_GROUPS = 2;

  /**
   * How many group transactions of step records may be in flight at once. One: the saves that queue while a group
   * is written form the next group, so a worker pool's steps share fewer, larger commits. A second group in flight
   * split them into more, smaller commits without making any step faster: 2 publishing threads and 16 runs in
   * flight took 1.88 commits and 1.34 WAL flushes per run with two, 1.28 and 1.06 with one, and each extra flush
   * was one more that a publishing thread's commit queued behind (docs/benchmarks.md, seventh session).
   */
  static final int STEP_RECORD_GROUPS = 1;

  private final DataSource ds;
  private final Dialect dialect;
  /** Step records and other writes to runs in flight. */
  private final GroupCommit commits;
  /**
   * New runs, grouped apart from {@link #commits}: a publishing thread waits for its runs' commit ("publish returns
   * when durable"), and behind a worker pool's step records it waited for a whole group to be written first (~1 ms
   * under load), which capped what two publishing threads could publish (docs/benchmarks.md, throughput).
   */
  private final GroupCommit creates;
  /** A run's insert, ignoring a duplicate event (see {@link Dialect#insertIgnoringDuplicates}). */
  private final String insertRun;
  /** The same, writing only while the assumed active set of that many workflows holds ({@link #holds}). */
  private final StatementsBySize insertRunIfActive;
  private final Duration retention;
  private final Duration purgeEvery;
  private final AtomicReference<Instant> lastPurge = new AtomicReference<>();
  private final java.time.Clock leaseClock;
  /**
   * How far the database's clock is ahead of the engine's (lease.clock=database), measured at a monotonic instant
   * when the engine clock read {@code clockAt}.
   */
  private record DbOffset(Duration offset, Instant clockAt, long nanos) {}

  private static final Duration RESAMPLE = Duration.ofSeconds(30);
  /** A new measurement within this of the last one is sampling noise: the offset in use is kept. */
  private static final Duration NOISE = Duration.ofMillis(100);
  /** An engine clock that moved this much more or less than the monotonic clock was set: measure again at once. */
  private static final Duration JUMP = Duration.ofSeconds(1);
  private volatile DbOffset dbOffset;

  /**
   * An engine-clock instant of the lease (an expiry, or the now it is judged at), on the clock leases are kept
   * on: unchanged by default; with lease.clock=database, shifted by the database clock's offset from the engine
   * clock, so that every lease expiry is written and compared in database time. One offset serves until it is
   * measured again, so the same engine instant always maps to the same database instant (a lease that ends at
   * minute 5 is over when judged at minute 5, never a few microseconds early or late).
   */
  Instant lease(Instant engineInstant) {
    if (leaseClock == null || engineInstant == null) {
      return engineInstant;
    }
    return engineInstant.plus(databaseOffset());
  }

  private Duration databaseOffset() {
    DbOffset o = dbOffset;
    long nanos = System.nanoTime();
    if (o == null || nanos - o.nanos() > RESAMPLE.toNanos() || clockJumped(o, nanos)) {
      DbOffset measured = measureOffset();
      o = o != null && measured.offset().minus(o.offset()).abs().compareTo(NOISE) < 0
          ? new DbOffset(o.offset(), measured.clockAt(), measured.nanos())
          : measured;
      dbOffset = o;
    }
    return o.offset();
  }

  private boolean clockJumped(DbOffset o, long nanos) {
    Instant expected = o.clockAt().plusNanos(nanos - o.nanos());
    return Duration.between(expected, leaseClock.instant()).abs().compareTo(JUMP) > 0;
  }

  private DbOffset measureOffset() {
    return Sql.autoCommit(ds, c -> {
      long before = System.nanoTime();
      Instant clockBefore = leaseClock.instant();
      try (PreparedStatement ps = c.prepareStatement("SELECT CURRENT_TIMESTAMP");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        Instant db = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
        long half = (System.nanoTime() - before) / 2;
        return new DbOffset(Duration.between(clockBefore.plusNanos(half), db), clockBefore, before);
      }
    });
  }

  public JdbcRunStore(DataSource ds, Dialect dialect, Duration retention) {
    this(ds, dialect, retention, null);
  }

  /**
   * @param leaseClock the engine's clock when leases are judged by the database's clock (store property
   *     {@code lease.clock=database}), else null
   */
  public JdbcRunStore(DataSource ds, Dialect dialect, Duration retention, java.time.Clock leaseClock) {
    this(ds, dialect, retention, leaseClock, STEP_RECORD_GROUPS, NEW_RUN_GROUPS);
  }

  /**
   * @param concurrentGroups how many group commits of step records may write at once, and as many of new runs (see
   *     {@link GroupCommit})
   */
  public JdbcRunStore(DataSource ds, Dialect dialect, Duration retention, java.time.Clock leaseClock,
      int concurrentGroups) {
    this(ds, dialect, retention, leaseClock, concurrentGroups, concurrentGroups);
  }

  private JdbcRunStore(DataSource ds, Dialect dialect, Duration retention, java.time.Clock leaseClock,
      int stepRecordGroups, int newRunGroups) {
    this.leaseClock = leaseClock;
    this.ds = ds;
    this.dialect = dialect;
    this.retention = retention;
    this.purgeEvery = Duration.ofHours(1);
    this.commits = new GroupCommit(ds, this::writeSaveGroup, MAX_GROUP, stepRecordGroups);
    this.creates = new GroupCommit(ds, JdbcRunStore::runWorkGroup, MAX_GROUP, newRunGroups);
    this.insertRun = dialect.insertIgnoringDuplicates(INSERT_RUN + "VALUES (" + RUN_VALUES + ")");
    this.insertRunIfActive = new StatementsBySize(17, size -> dialect.insertIgnoringDuplicates(INSERT_RUN + "SELECT "
        + RUN_VALUES + " FROM (" + ACTIVE_SET_COUNT.get(size) + ") g WHERE g.active = " + size + " AND g.assumed = "
        + size));
  }

  // ---- create ----------------------------------------------------------------------------------------------------

  @Override
  public CreateResult createIfAbsent(RunRecord run) {
    return commitNew(c -> create(c, run, run, null, null, null, null), true);
  }

  @Override
  public CreateResult createClaimed(RunRecord run, String owner, Instant now, Instant engineLeaseUntil) {
    Instant leaseUntil = lease(engineLeaseUntil);
    return commitNew(c -> create(c, run, claimedState(run, now), owner, leaseUntil, engineLeaseUntil, null), true);
  }

  @Override
  public List<CreateResult> createRuns(List<RunRecord> runs, int claimUpTo, String owner, Instant now,
      Instant engineLeaseUntil) {
    return createRuns(runs, null, claimUpTo, owner, now, engineLeaseUntil);
  }

  /** True for the JDBC workflow store on the same {@code DataSource}: its table is checked in the insert. */
  @Override
  public boolean checksActiveSets(WorkflowStore workflows) {
    return workflows instanceof JdbcWorkflowStore w && w.dataSource() == ds;
  }

  /**
   * Each run's insert carries the check (an aggregate over the {@code pf_workflows_active} index entries of the
   * organization and trigger type), so a publish from a remembered active set is one round trip. A check that fails
   * after another run of the event was inserted rolls the transaction back.
   */
  @Override
  public Optional<List<CreateResult>> createRunsIfActive(List<RunRecord> runs, ActiveSet assumed, int claimUpTo,
      String owner, Instant now, Instant engineLeaseUntil) {
    try {
      return Optional.of(createRuns(runs, assumed, claimUpTo, owner, now, engineLeaseUntil));
    } catch (ActiveSetChanged changed) {
      return Optional.empty();
    }
  }

  private List<CreateResult> createRuns(List<RunRecord> runs, ActiveSet assumed, int claimUpTo, String owner,
      Instant now, Instant engineLeaseUntil) {
    Instant leaseUntil = lease(engineLeaseUntil);
    Sql.Work<List<CreateResult>> work = c -> {
      List<CreateResult> results = new ArrayList<>(runs.size());
      int claimed = 0;
      for (RunRecord run : runs) {
        boolean claim = claimed < claimUpTo && run.status() == RunStatus.QUEUED;
        CreateResult r = claim
            ? create(c, run, claimedState(run, now), owner, leaseUntil, engineLeaseUntil, assumed)
            : create(c, run, run, null, null, null, assumed);
        if (r.created() && claim) {
          claimed++;
        }
        results.add(r);
      }
      return results;
    };
    return commitNew(work, runs.size() == 1);
  }

  /**
   * The assumed active set no longer holds: thrown inside the create's transaction so that it is rolled back, and
   * through {@link GroupCommit} to {@link #createRunsIfActive}. Without a stack trace: it is an answer, not a fault.
   */
  private static final class ActiveSetChanged extends RuntimeException {
    ActiveSetChanged() {
      super("the organization's active workflows changed", null, false, false);
    }
  }

  // ---- group commit ----------------------------------------------------------------------------------------------

  /** Work committed in a group with other threads' writes (see {@link GroupCommit}). */
  private static final class WorkEntry<T> extends GroupCommit.Entry<T> {
    private final Sql.Work<T> work;

    /** {@code oneStatement}: see {@link GroupCommit.Entry#Entry(boolean)}. */
    WorkEntry(Sql.Work<T> work, boolean oneStatement) {
      super(oneStatement);
      this.work = work;
    }

    void run(Connection c) throws SQLException {
      result = work.run(c);
    }
  }

  /** A step's record and the run's next state: the fenced update and the appended attempts. */
  private static final class SaveEntry extends GroupCommit.Entry<Boolean> {
    private final RunRecord next;
    private final List<StepAttempt> attempts;
    private final String owner;
    private final boolean letGo;
    private final Instant leaseUntil;
    private final Instant engineLeaseUntil;

    SaveEntry(RunRecord next, List<StepAttempt> attempts, String owner, boolean letGo, Instant leaseUntil,
        Instant engineLeaseUntil, boolean oneStatement) {
      super(oneStatement);
      this.next = next;
      this.attempts = attempts;
      this.owner = owner;
      this.letGo = letGo;
      this.leaseUntil = leaseUntil;
      this.engineLeaseUntil = engineLeaseUntil;
    }
  }

  /**
   * Commits the creation of new runs in a group of {@link #creates}.
   *
   * @param oneStatement true when one run is created: an insert (and, only when the event already started it, a
   *     read), so no transaction when it is alone in its group
   */
  private <T> T commitNew(Sql.Work<T> work, boolean oneStatement) {
    return creates.commit(new WorkEntry<>(work, oneStatement));
  }

  /** Writes a group of {@link #commits}, which holds only step records. */
  private void writeSaveGroup(Connection c, List<GroupCommit.Entry<?>> group) throws SQLException {
    List<SaveEntry> saves = new ArrayList<>(group.size());
    for (GroupCommit.Entry<?> e : group) {
      saves.add((SaveEntry) e);
    }
    writeSaves(c, saves);
  }

  /** Writes a group of {@link #creates}, which holds only new runs' work, in order. */
  private static void runWorkGroup(Connection c, List<GroupCommit.Entry<?>> group) throws SQLException {
    for (GroupCommit.Entry<?> e : group) {
      ((WorkEntry<?>) e).run(c);
    }
  }

  private static RunRecord claimedState(RunRecord run, Instant now) {
    return run.next(RunStatus.RUNNING, run.pending(), run.outputs(), now, run.error());
  }

  /**
   * Inserts {@code state} unless the event already started a run of the workflow, whose state is returned then.
   *
   * @param assumed when not null, the insert writes only while the organization's active set is this one; when it
   *     is not, {@link ActiveSetChanged} is thrown
   */
  private CreateResult create(Connection c, RunRecord run, RunRecord state, String owner, Instant leaseUntil,
      Instant engineLeaseUntil, ActiveSet assumed) throws SQLException {
    for (int attempt = 0; attempt < 20; attempt++) {
      if (insert(c, state, owner, leaseUntil, engineLeaseUntil, assumed)) {
        return new CreateResult(state, true);
      }
      Optional<RunRecord> existing = byEvent(c, run.organizationId(), run.workflowId(), run.event().id());
      if (existing.isPresent()) {
        return new CreateResult(existing.get(), false);
      }
      if (assumed != null && !holds(c, assumed)) {
        throw new ActiveSetChanged();
      }
      // the other insert was rolled back (or not yet visible on H2): try again
      Thread.onSpinWait();
    }
    throw new JdbcStoreException("run " + run.id() + " could be neither created nor found for event '"
        + run.event().id() + "'", null);
  }

  private static final String INSERT_RUN = "INSERT INTO pf_runs (" + COLUMNS + ", wake_at, due_at, lease_owner,"
      + " lease_until) ";
  private static final String RUN_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

  /**
   * The organization's Active workflows of the trigger type ({@code pf_workflows_active}) counted twice: all, and
   * those of the assumed set at their assumed versions. The set holds when both counts equal its size. Parameters:
   * each assumed workflow's id and version, then organization and trigger type.
   */
  private static final StatementsBySize ACTIVE_SET_COUNT = new StatementsBySize(17, size ->
      "SELECT COUNT(*) AS active, COUNT(CASE WHEN "
          + String.join(" OR ", Collections.nCopies(size, "(workflow_id = ? AND version = ?)"))
          + " THEN 1 END) AS assumed FROM pf_workflows WHERE organization_id = ? AND trigger_type = ?"
          + " AND status = 'active'");

  private static int bindActiveSet(PreparedStatement ps, int i, ActiveSet assumed) throws SQLException {
    for (WorkflowRef ref : assumed.workflows()) {
      ps.setString(i++, ref.workflowId());
      ps.setInt(i++, ref.version());
    }
    ps.setString(i++, assumed.organizationId());
    ps.setString(i++, assumed.triggerType());
    return i;
  }

  /** Whether the organization's Active workflows of the trigger type are exactly the assumed ones now. */
  private static boolean holds(Connection c, ActiveSet assumed) throws SQLException {
    int size = assumed.workflows().size();
    try (PreparedStatement ps = c.prepareStatement(ACTIVE_SET_COUNT.get(size))) {
      bindActiveSet(ps, 1, assumed);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getInt(1) == size && rs.getInt(2) == size;
      }
    }
  }

  private boolean insert(Connection c, RunRecord r, String owner, Instant leaseUntil, Instant engineLeaseUntil,
      ActiveSet assumed) throws SQLException {
    String sql = assumed == null ? insertRun : insertRunIfActive.get(assumed.workflows().size());
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, r.id());
      ps.setString(i++, r.organizationId());
      ps.setString(i++, r.workflowId());
      ps.setInt(i++, r.workflowVersion());
      ps.setString(i++, r.event().id());
      ps.setString(i++, r.event().type());
      Sql.setInstant(ps, i++, r.event().occurredAt());
      ps.setString(i++, JsonCodec.write(r.event().data()));
      ps.setBoolean(i++, r.testRun());
      Sql.setInstant(ps, i++, r.createdAt());
      i = bindState(ps, i, r);
      Sql.setInstant(ps, i++, dueAt(r, owner, engineLeaseUntil));
      ps.setString(i++, r.status().isFinal() ? null : owner);
      Sql.setInstant(ps, i++, r.status().isFinal() ? null : leaseUntil);
      if (assumed != null) {
        bindActiveSet(ps, i, assumed);
      }
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if (Sql.isDuplicateKey(e)) {
        return false;
      }
      throw e;
    }
  }

  /** When the run may next be claimed (see the class comment). */
  static Instant dueAt(RunRecord r, String owner, Instant leaseUntil) {
    if (r.status().isFinal()) {
      return null;
    }
    if (r.status() == RunStatus.RUNNING && owner != null && leaseUntil != null) {
      return leaseUntil;
    }
    Instant wake = r.nextWakeAt();
    Instant base = wake != null ? wake : r.status() == RunStatus.WAITING ? null : r.updatedAt();
    if (base != null && owner != null && leaseUntil != null && leaseUntil.isAfter(base)) {
      return leaseUntil;
    }
    return base;
  }

  private Optional<RunRecord> byEvent(Connection c, String org, String workflowId, String eventId)
      throws SQLException {
    // planned each time: on a table that was empty when a plan was cached, PostgreSQL may prefer pf_runs_list
    // (every run of the workflow) to the unique event index
    try (PreparedStatement ps = Sql.plannedEachTime(c.prepareStatement("SELECT " + COLUMNS + " FROM pf_runs"
        + " WHERE organization_id = ? AND workflow_id = ? AND event_id = ?"))) {
      ps.setString(1, org);
      ps.setString(2, workflowId);
      ps.setString(3, eventId);
      return first(c, ps);
    }
  }

  // ---- read ------------------------------------------------------------------------------------------------------

  @Override
  public Optional<RunRecord> find(String organizationId, String runId) {
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM pf_runs WHERE run_id = ?"
          + " AND organization_id = ?")) {
        ps.setString(1, runId);
        ps.setString(2, organizationId);
        return first(c, ps);
      }
    });
  }

  private Optional<RunRecord> first(Connection c, PreparedStatement ps) throws SQLException {
    List<RunRecord> runs = withOutputs(c, rows(ps));
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
  }

  private static List<RunRecord> rows(PreparedStatement ps) throws SQLException {
    List<RunRecord> result = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        result.add(row(rs));
      }
    }
    return result;
  }

  /** A run row, its outputs still empty (see {@link #withOutputs}). */
  static RunRecord row(ResultSet rs) throws SQLException {
    String org = rs.getString("organization_id");
    Event event = new Event(rs.getString("event_id"), org, rs.getString("event_type"),
        Sql.getInstant(rs, "event_occurred_at"), JsonCodec.readMap(rs.getString("event_data")));
    return new RunRecord(rs.getString("run_id"), org, rs.getString("workflow_id"), rs.getInt("workflow_version"),
        event, rs.getBoolean("test_run"), RunStatus.valueOf(rs.getString("status")),
        pending(rs.getString("pending")), Map.of(), Sql.getInstant(rs, "created_at"),
        Sql.getInstant(rs, "updated_at"), Sql.getInstant(rs, "finished_at"), rs.getString("error"),
        rs.getLong("version"));
  }

  /** The runs with their outputs: the output of each node's SUCCEEDED attempt, in one query for all of them. */
  private static List<RunRecord> withOutputs(Connection c, List<RunRecord> runs) throws SQLException {
    if (runs.isEmpty()) {
      return runs;
    }
    Map<String, Map<String, Map<String, Object>>> outputs = new HashMap<>();
    List<String> ids = runs.stream().map(RunRecord::id).toList();
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      try (PreparedStatement ps = c.prepareStatement("SELECT run_id, node_id, output FROM pf_step_attempts"
          + " WHERE run_id IN (" + Sql.placeholders(chunk.size()) + ") AND status = 'SUCCEEDED'"
          + " ORDER BY run_id, run_version, seq")) {
        Sql.setStrings(ps, 1, chunk);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            outputs.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                .put(rs.getString(2), JsonCodec.readMap(rs.getString(3)));
          }
        }
      }
    }
    if (outputs.isEmpty()) {
      return runs;
    }
    List<RunRecord> result = new ArrayList<>(runs.size());
    for (RunRecord r : runs) {
      Map<String, Map<String, Object>> o = outputs.get(r.id());
      result.add(o == null ? r : new RunRecord(r.id(), r.organizationId(), r.workflowId(), r.workflowVersion(),
          r.event(), r.testRun(), r.status(), r.pending(), Collections.unmodifiableMap(o), r.createdAt(),
          r.updatedAt(), r.finishedAt(), r.error(), r.version()));
    }
    return result;
  }

  // ---- claim -----------------------------------------------------------------------------------------------------

  @Override
  public Optional<RunRecord> claim(String runId, String owner, Instant now, Instant engineLeaseUntil) {
    Instant leaseUntil = lease(engineLeaseUntil);
    Instant leaseNow = lease(now);
    return Sql.inTransaction(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE pf_runs SET status = 'RUNNING', version = version + 1,"
          + " updated_at = ?, finished_at = NULL, lease_owner = ?, lease_until = ?, due_at = ? WHERE run_id = ? AND "
          + LIVE + " AND (lease_owner IS NULL OR lease_until <= ?)")) {
        Sql.setInstant(ps, 1, now);
        ps.setString(2, owner);
        Sql.setInstant(ps, 3, leaseUntil);
        Sql.setInstant(ps, 4, engineLeaseUntil);
        ps.setString(5, runId);
        Sql.setInstant(ps, 6, leaseNow);
        if (ps.executeUpdate() != 1) {
          return Optional.empty();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM pf_runs WHERE run_id = ?")) {
        ps.setString(1, runId);
        return first(c, ps);
      }
    });
  }

  @Override
  public List<RunRecord> claimDue(Instant now, int limit, String owner, Instant engineLeaseUntil) {
    purgeIfDue(now);
    if (limit <= 0) {
      return List.of();
    }
    Instant leaseUntil = lease(engineLeaseUntil);
    Instant leaseNow = lease(now);
    return Sql.inTransaction(ds, c -> dialect.claimsInOneStatement()
        ? claimDueInOneStatement(c, now, leaseNow, limit, owner, leaseUntil, engineLeaseUntil)
        : claimDueOptimistically(c, now, leaseNow, limit, owner, leaseUntil, engineLeaseUntil));
  }

  private List<RunRecord> claimDueInOneStatement(Connection c, Instant now, Instant leaseNow, int limit,
      String owner, Instant leaseUntil, Instant engineLeaseUntil) throws SQLException {
    record Claimed(RunRecord run, Instant due) {}
    List<Claimed> claimed = new ArrayList<>();
    try (PreparedStatement ps = Sql.plannedEachTime(c.prepareStatement(dialect.claimDueStatement(COLUMNS)))) {
      Sql.setInstant(ps, 1, now);
      Sql.setInstant(ps, 2, leaseNow);
      ps.setInt(3, limit);
      Sql.setInstant(ps, 4, now);
      ps.setString(5, owner);
      Sql.setInstant(ps, 6, leaseUntil);
      Sql.setInstant(ps, 7, engineLeaseUntil);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimed.add(new Claimed(row(rs), Sql.getInstant(rs, "claimed_due")));
        }
      }
    }
    claimed.sort(Comparator.comparing(Claimed::due).thenComparing(x -> x.run().id()));
    return withOutputs(c, claimed.stream().map(Claimed::run).toList());
  }

  /*
   * The reads of due and finished runs order by the indexed column with NULLS LAST, the order of H2's indexes since
   * V3 (and PostgreSQL's default), so that H2 reads the index from the first non-null entry and in order; with
   * NULLs first it stepped over every NULL (every finished run, for each claim) before the first match.
   */

  /** H2: due runs to claim, oldest first; parameters now, now (lease expiry), limit. */
  static final String CLAIM_CANDIDATES = "SELECT run_id, version FROM pf_runs WHERE due_at <= ? AND " + LIVE
      + " AND (lease_owner IS NULL OR lease_until <= ?) ORDER BY due_at NULLS LAST, run_id LIMIT ?";

  /** The earliest due times up to a bound: parameters until, limit. */
  static final String DUE_TIMES = "SELECT due_at FROM pf_runs WHERE due_at <= ? ORDER BY due_at NULLS LAST LIMIT ?";

  /** A batch of runs finished before the retention horizon: parameter horizon. */
  static final String PURGE_CANDIDATES = "SELECT run_id FROM pf_runs WHERE finished_at < ?"
      + " ORDER BY finished_at NULLS LAST LIMIT " + PURGE_BATCH;

  /** H2: candidates in due order, each taken by an update fenced by the version it was read at. */
  private List<RunRecord> claimDueOptimistically(Connection c, Instant now, Instant leaseNow, int limit,
      String owner, Instant leaseUntil, Instant engineLeaseUntil) throws SQLException {
    List<String> taken = new ArrayList<>();
    Map<String, Long> candidates = new LinkedHashMap<>();
    try (PreparedStatement ps = Sql.plannedEachTime(c.prepareStatement(CLAIM_CANDIDATES))) {
      Sql.setInstant(ps, 1, now);
      Sql.setInstant(ps, 2, leaseNow);
      ps.setInt(3, limit * 2);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          candidates.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE pf_runs SET status = 'RUNNING', version = version + 1,"
        + " updated_at = ?, finished_at = NULL, lease_owner = ?, lease_until = ?, due_at = ? WHERE run_id = ?"
        + " AND version = ? AND " + LIVE + " AND (lease_owner IS NULL OR lease_until <= ?)")) {
      for (Map.Entry<String, Long> candidate : candidates.entrySet()) {
        if (taken.size() >= limit) {
          break;
        }
        Sql.setInstant(ps, 1, now);
        ps.setString(2, owner);
        Sql.setInstant(ps, 3, leaseUntil);
        Sql.setInstant(ps, 4, engineLeaseUntil);
        ps.setString(5, candidate.getKey());
        ps.setLong(6, candidate.getValue());
        Sql.setInstant(ps, 7, leaseNow);
        if (ps.executeUpdate() == 1) {
          taken.add(candidate.getKey());
        }
      }
    }
    return readInOrder(c, taken);
  }

  private List<RunRecord> readInOrder(Connection c, List<String> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, RunRecord> byId = new HashMap<>();
    for (int from = 0; from < ids.size(); from += IN_CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM pf_runs WHERE run_id IN ("
          + Sql.placeholders(chunk.size()) + ")")) {
        Sql.setStrings(ps, 1, chunk);
        for (RunRecord r : rows(ps)) {
          byId.put(r.id(), r);
        }
      }
    }
    List<RunRecord> ordered = new ArrayList<>(ids.size());
    for (String id : ids) {
      RunRecord r = byId.get(id);
      if (r != null) {
        ordered.add(r);
      }
    }
    return withOutputs(c, ordered);
  }

  // ---- fenced writes ---------------------------------------------------------------------------------------------

  @Override
  public boolean save(RunRecord next, List<StepAttempt> attempts, String owner, boolean release,
      Instant engineLeaseUntil) {
    boolean letGo = release || next.status().isFinal();
    return commits.commit(new SaveEntry(next, attempts, owner, letGo, lease(engineLeaseUntil), engineLeaseUntil,
        dialect.savesInOneStatement()));
  }

  /**
   * The fenced update of a save. A run that stays running under its lease keeps the due time of its claim while
   * that is at least half a lease away (parameters 8 to 10: keep?, the half-lease mark, the new due time), so that
   * the saves of a run's steps change no indexed column and PostgreSQL updates the row in place (a HOT update: no
   * new index entries); claims check the lease itself, as the in-memory store's due index does.
   */
  private static final String SAVE = "UPDATE pf_runs SET status = ?, pending = ?, error = ?, updated_at = ?,"
      + " finished_at = ?, version = ?, wake_at = ?, due_at = CASE WHEN ? AND due_at >= ? THEN due_at ELSE ? END,"
      + " lease_owner = ?, lease_until = CASE WHEN ? THEN NULL ELSE COALESCE(?, lease_until) END"
      + " WHERE run_id = ? AND version = ? AND lease_owner = ?";

  private static final String ATTEMPT_COLUMNS = "run_id, run_version, seq, organization_id, workflow_id, node_id,"
      + " node_type, attempt, status, input, output, started_at, finished_at, duration_nanos, error_type,"
      + " error_message, error_retryable, dry_run, minutes_saved";

  /** One row of {@link #SAVE_WITH_ATTEMPTS}'s VALUES: the attempt columns after workflow_id, typed for PostgreSQL. */
  private static final String ATTEMPT_ROW = "(?::integer, ?::varchar, ?::varchar, ?::integer, ?::varchar, ?::text,"
      + " ?::text, ?::timestamptz, ?::timestamptz, ?::bigint, ?::varchar, ?::text, ?::boolean, ?::boolean,"
      + " ?::integer)";

  /**
   * PostgreSQL: a save with {@code n} attempts as one statement, the fenced update in a CTE whose returned row
   * feeds the attempts' insert. It reports {@code n} rows when the update matched, 0 when the lease was lost.
   */
  private static final StatementsBySize SAVE_WITH_ATTEMPTS = new StatementsBySize(8, n ->
      "WITH u AS (" + SAVE + " RETURNING run_id, version, organization_id, workflow_id) INSERT INTO"
          + " pf_step_attempts (" + ATTEMPT_COLUMNS + ") SELECT u.run_id, u.version, a.seq, u.organization_id,"
          + " u.workflow_id, a.node_id, a.node_type, a.attempt, a.status, a.input, a.output, a.started_at,"
          + " a.finished_at, a.duration_nanos, a.error_type, a.error_message, a.error_retryable, a.dry_run,"
          + " a.minutes_saved FROM u CROSS JOIN (VALUES " + String.join(", ", Collections.nCopies(n, ATTEMPT_ROW))
          + ") AS a (seq, node_id, node_type, attempt, status, input, output, started_at, finished_at,"
          + " duration_nanos, error_type, error_message, error_retryable, dry_run, minutes_saved)");


  /**
   * Writes a group's saves in run id order (so that two groups lock rows in the same order). PostgreSQL: each save
   * with its attempts is one statement ({@link #SAVE_WITH_ATTEMPTS}), batched with the saves of the same number of
   * attempts. H2: the fenced updates in one batch, then the attempts of those whose update matched in another.
   */
  private void writeSaves(Connection c, List<SaveEntry> saves) throws SQLException {
    saves.sort(Comparator.comparing(e -> e.next.id()));
    if (!dialect.savesInOneStatement()) {
      executeSaves(c, SAVE, saves, false, 1);
      List<SaveEntry> recorded = new ArrayList<>(saves.size());
      for (SaveEntry e : saves) {
        if (e.result && !e.attempts.isEmpty()) {
          recorded.add(e);
        }
      }
      if (!recorded.isEmpty()) {
        insertAttempts(c, recorded);
      }
      return;
    }
    // one batch per run of consecutive saves with as many attempts (one statement text), so that the rows are
    // written, and locked, in run id order, as a heartbeat locks them
    for (int from = 0; from < saves.size(); ) {
      int n = saves.get(from).attempts.size();
      int to = from + 1;
      while (to < saves.size() && saves.get(to).attempts.size() == n) {
        to++;
      }
      executeSaves(c, n == 0 ? SAVE : SAVE_WITH_ATTEMPTS.get(n), saves.subList(from, to), n > 0, Math.max(1, n));
      from = to;
    }
  }

  /**
   * Runs {@code sql} for each save (batched when several), binding the attempts too when {@code withAttempts}; a
   * save matched when its statement reported {@code rows} rows.
   */
  private static void executeSaves(Connection c, String sql, List<SaveEntry> saves, boolean withAttempts,
      int rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (SaveEntry e : saves) {
        int i = bindSave(ps, e);
        if (withAttempts) {
          int seq = 0;
          for (StepAttempt a : e.attempts) {
            ps.setInt(i++, seq++);
            i = bindAttempt(ps, i, a);
          }
        }
        if (saves.size() == 1) {
          e.result = ps.executeUpdate() == rows;
        } else {
          ps.addBatch();
        }
      }
      if (saves.size() > 1) {
        int[] counts = ps.executeBatch();
        for (int k = 0; k < counts.length; k++) {
          if (counts[k] < 0) {
            throw new SQLException("the driver did not report how many rows a fenced save matched");
          }
          saves.get(k).result = counts[k] == rows;
        }
      }
    }
  }

  /**
   * Binds a run's changing state from parameter {@code i}, in column order: status, pending, error, updated_at,
   * finished_at, version, wake_at; returns the next index.
   */
  private static int bindState(PreparedStatement ps, int i, RunRecord r) throws SQLException {
    ps.setString(i++, r.status().name());
    ps.setString(i++, pendingJson(r.pending()));
    ps.setString(i++, r.error());
    Sql.setInstant(ps, i++, r.updatedAt());
    Sql.setInstant(ps, i++, r.finishedAt());
    ps.setLong(i++, r.version());
    Sql.setInstant(ps, i++, r.nextWakeAt());
    return i;
  }

  /** Binds {@link #SAVE}'s parameters; returns the next parameter index. */
  private static int bindSave(PreparedStatement ps, SaveEntry e) throws SQLException {
    RunRecord next = e.next;
    boolean keepDue = !e.letGo && next.status() == RunStatus.RUNNING && e.engineLeaseUntil != null
        && next.updatedAt() != null && e.engineLeaseUntil.isAfter(next.updatedAt());
    int i = bindState(ps, 1, next);
    ps.setBoolean(i++, keepDue);
    Sql.setInstant(ps, i++, keepDue
        ? next.updatedAt().plus(Duration.between(next.updatedAt(), e.engineLeaseUntil).dividedBy(2)) : null);
    Sql.setInstant(ps, i++, e.letGo ? dueAt(next, null, null) : dueAt(next, e.owner, e.engineLeaseUntil));
    ps.setString(i++, e.letGo ? null : e.owner);
    ps.setBoolean(i++, e.letGo);
    Sql.setInstant(ps, i++, e.letGo ? null : e.leaseUntil);
    ps.setString(i++, next.id());
    ps.setLong(i++, next.version() - 1);
    ps.setString(i++, e.owner);
    return i;
  }

  /** Binds an attempt's columns from node_id to minutes_saved, from parameter {@code i}; returns the next index. */
  private static int bindAttempt(PreparedStatement ps, int i, StepAttempt a) throws SQLException {
    ps.setString(i++, a.nodeId());
    ps.setString(i++, a.nodeType());
    ps.setInt(i++, a.attempt());
    ps.setString(i++, a.status().name());
    ps.setString(i++, JsonCodec.write(a.input()));
    ps.setString(i++, JsonCodec.write(a.output()));
    Sql.setInstant(ps, i++, a.startedAt());
    Sql.setInstant(ps, i++, a.finishedAt());
    ps.setLong(i++, a.duration().toNanos());
    StepError e = a.error().orElse(null);
    ps.setString(i++, e == null ? null : e.type());
    ps.setString(i++, e == null ? null : e.message());
    if (e == null) {
      ps.setNull(i++, Types.BOOLEAN);
    } else {
      ps.setBoolean(i++, e.retryable());
    }
    ps.setBoolean(i++, a.dryRun());
    ps.setInt(i++, a.minutesSaved());
    return i;
  }

  private static void insertAttempts(Connection c, List<SaveEntry> saves) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO pf_step_attempts (" + ATTEMPT_COLUMNS + ")"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (SaveEntry save : saves) {
        RunRecord run = save.next;
        int seq = 0;
        for (StepAttempt a : save.attempts) {
          int i = 1;
          ps.setString(i++, run.id());
          ps.setLong(i++, run.version());
          ps.setInt(i++, seq++);
          ps.setString(i++, run.organizationId());
          ps.setString(i++, run.workflowId());
          bindAttempt(ps, i, a);
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  @Override
  public Set<String> heartbeat(String owner, Collection<String> runIds, Instant engineLeaseUntil) {
    if (runIds.isEmpty()) {
      return Set.of();
    }
    Instant leaseUntil = lease(engineLeaseUntil);
    // in run id order, the order group commits write in: see updateInRunIdOrder
    List<String> ids = List.copyOf(new TreeSet<>(runIds));
    return Sql.inTransaction(ds, c -> {
      Set<String> held = new HashSet<>();
      for (int from = 0; from < ids.size(); from += IN_CHUNK) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
        String where = " WHERE lease_owner = ? AND " + LIVE + " AND run_id IN (" + Sql.placeholders(chunk.size())
            + ")";
        String update = updateInRunIdOrder("UPDATE pf_runs SET lease_until = GREATEST(lease_until, ?),"
            + " due_at = GREATEST(COALESCE(due_at, ?), ?)", where);
        try (PreparedStatement ps = c.prepareStatement(update + (dialect.supportsReturning() ? " RETURNING run_id"
            : ""))) {
          Sql.setInstant(ps, 1, leaseUntil);
          Sql.setInstant(ps, 2, engineLeaseUntil);
          Sql.setInstant(ps, 3, engineLeaseUntil);
          ps.setString(4, owner);
          Sql.setStrings(ps, 5, chunk);
          if (dialect.supportsReturning()) {
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                held.add(rs.getString(1));
              }
            }
            continue;
          }
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id FROM pf_runs" + where)) {
          ps.setString(1, owner);
          Sql.setStrings(ps, 2, chunk);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              held.add(rs.getString(1));
            }
          }
        }
      }
      Set<String> lost = new HashSet<>(ids);
      lost.removeAll(held);
      return lost;
    });
  }

  /**
   * An update of every row matching {@code where} (which starts with {@code WHERE} and names only pf_runs columns):
   * on PostgreSQL the rows are locked in run id order first (a sorted {@code FOR UPDATE} subquery, in the same
   * statement), the order in which a group of saves writes too. Writers that lock several runs in any other order
   * could each hold a row the other needs, a deadlock PostgreSQL breaks only after {@code deadlock_timeout} (1 s) by
   * aborting one of them. Parameters: those of {@code set}, then those of {@code where}.
   */
  private String updateInRunIdOrder(String set, String where) {
    if (!dialect.supportsReturning()) {
      return set + where;
    }
    return set + " FROM (SELECT run_id AS locked FROM pf_runs" + where + " ORDER BY run_id FOR UPDATE) l"
        + " WHERE run_id = l.locked";
  }

  @Override
  public boolean extendLease(String runId, long version, String owner, Instant engineLeaseUntil) {
    Instant leaseUntil = lease(engineLeaseUntil);
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE pf_runs SET lease_until = GREATEST(lease_until, ?),"
          + " due_at = GREATEST(COALESCE(due_at, ?), ?) WHERE run_id = ? AND version = ? AND lease_owner = ? AND "
          + LIVE)) {
        Sql.setInstant(ps, 1, leaseUntil);
        Sql.setInstant(ps, 2, engineLeaseUntil);
        Sql.setInstant(ps, 3, engineLeaseUntil);
        ps.setString(4, runId);
        ps.setLong(5, version);
        ps.setString(6, owner);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean release(String runId, long version, String owner, Instant now) {
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE pf_runs SET status = CASE WHEN wake_at IS NULL OR"
          + " wake_at <= ? THEN 'QUEUED' ELSE 'WAITING' END, version = version + 1, updated_at = ?,"
          + " due_at = COALESCE(wake_at, ?), lease_owner = NULL, lease_until = NULL WHERE run_id = ? AND version = ?"
          + " AND lease_owner = ? AND " + LIVE)) {
        Sql.setInstant(ps, 1, now);
        Sql.setInstant(ps, 2, now);
        Sql.setInstant(ps, 3, now);
        ps.setString(4, runId);
        ps.setLong(5, version);
        ps.setString(6, owner);
        return ps.executeUpdate() == 1;
      }
    });
  }

  // ---- lists and aggregates --------------------------------------------------------------------------------------

  @Override
  public List<StepAttempt> attempts(String organizationId, String runId) {
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM pf_step_attempts WHERE run_id = ?"
          + " AND organization_id = ? ORDER BY run_version, seq")) {
        ps.setString(1, runId);
        ps.setString(2, organizationId);
        List<StepAttempt> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String type = rs.getString("error_type");
            Optional<StepError> error = type == null ? Optional.empty()
                : Optional.of(new StepError(type, rs.getString("error_message"), rs.getBoolean("error_retryable")));
            result.add(new StepAttempt(runId, rs.getString("node_id"), rs.getString("node_type"),
                rs.getInt("attempt"), StepStatus.valueOf(rs.getString("status")),
                JsonCodec.readMap(rs.getString("input")), JsonCodec.readMap(rs.getString("output")),
                Sql.getInstant(rs, "started_at"), Sql.getInstant(rs, "finished_at"),
                Duration.ofNanos(rs.getLong("duration_nanos")), error, rs.getBoolean("dry_run"),
                rs.getInt("minutes_saved")));
          }
        }
        return result;
      }
    });
  }

  @Override
  public Page<RunRecord> list(String organizationId, String workflowId, RunQuery query) {
    StringBuilder where = new StringBuilder(" WHERE organization_id = ? AND workflow_id = ?");
    if (!query.statuses().isEmpty()) {
      where.append(" AND status IN (").append(Sql.placeholders(query.statuses().size())).append(')');
    }
    query.from().ifPresent(f -> where.append(" AND created_at >= ?"));
    query.to().ifPresent(t -> where.append(" AND created_at < ?"));
    int size = query.page().size();
    int page = query.page().page();
    return Sql.autoCommit(ds, c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pf_runs" + where)) {
        bindList(ps, organizationId, workflowId, query);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<RunRecord> items;
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM pf_runs" + where
          + " ORDER BY created_at DESC, run_id LIMIT ? OFFSET ?")) {
        int i = bindList(ps, organizationId, workflowId, query);
        ps.setInt(i++, size);
        ps.setLong(i, (long) page * size);
        items = withOutputs(c, rows(ps));
      }
      return new Page<>(items, page, size, total);
    });
  }

  private static int bindList(PreparedStatement ps, String org, String workflowId, RunQuery query)
      throws SQLException {
    int i = 1;
    ps.setString(i++, org);
    ps.setString(i++, workflowId);
    for (RunStatus s : query.statuses()) {
      ps.setString(i++, s.name());
    }
    if (query.from().isPresent()) {
      Sql.setInstant(ps, i++, query.from().get());
    }
    if (query.to().isPresent()) {
      Sql.setInstant(ps, i++, query.to().get());
    }
    return i;
  }

  @Override
  public int cancelAll(String organizationId, String workflowId, Instant now, String reason) {
    return Sql.autoCommit(ds, c -> cancelAll(c, organizationId, workflowId, now, reason));
  }

  /** Cancels in the caller's transaction. */
  int cancelAll(Connection c, String organizationId, String workflowId, Instant now, String reason)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(updateInRunIdOrder("UPDATE pf_runs SET status = 'CANCELLED',"
        + " pending = '[]', error = ?, version = version + 1, updated_at = ?, finished_at = ?, wake_at = NULL,"
        + " due_at = NULL, lease_owner = NULL, lease_until = NULL", " WHERE organization_id = ? AND workflow_id = ?"
        + " AND " + LIVE))) {
      ps.setString(1, reason);
      Sql.setInstant(ps, 2, now);
      Sql.setInstant(ps, 3, now);
      ps.setString(4, organizationId);
      ps.setString(5, workflowId);
      return ps.executeUpdate();
    }
  }

  @Override
  public long minutesSaved(String organizationId, String workflowId, Instant since) {
    return minutesSaved(organizationId, List.of(workflowId), since).get(workflowId);
  }

  @Override
  public Map<String, Long> minutesSaved(String organizationId, Collection<String> workflowIds, Instant since) {
    Map<String, Long> result = new LinkedHashMap<>();
    workflowIds.forEach(id -> result.put(id, 0L));
    if (result.isEmpty()) {
      return result;
    }
    List<String> ids = List.copyOf(result.keySet());
    Instant fromMinute = Instant.ofEpochSecond(Math.floorDiv(since.getEpochSecond(), 60) * 60);
    return Sql.autoCommit(ds, c -> {
      for (int from = 0; from < ids.size(); from += IN_CHUNK) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
        try (PreparedStatement ps = c.prepareStatement("SELECT workflow_id, SUM(minutes_saved) FROM pf_step_attempts"
            + " WHERE organization_id = ? AND workflow_id IN (" + Sql.placeholders(chunk.size()) + ")"
            + " AND minutes_saved > 0 AND finished_at >= ? AND status = 'SUCCEEDED' AND dry_run = FALSE"
            + " GROUP BY workflow_id")) {
          ps.setString(1, organizationId);
          int i = Sql.setStrings(ps, 2, chunk);
          Sql.setInstant(ps, i, fromMinute);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              result.put(rs.getString(1), rs.getLong(2));
            }
          }
        }
      }
      return result;
    });
  }

  /** One COUNT over the due index ({@code pf_runs_due}); a running run counts once its lease has expired. */
  @Override
  public long countDue(Instant now) {
    Instant leaseNow = lease(now);
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = Sql.plannedEachTime(c.prepareStatement("SELECT COUNT(*) FROM pf_runs WHERE"
          + " due_at <= ? AND " + LIVE + " AND (lease_owner IS NULL OR lease_until <= ?)"))) {
        Sql.setInstant(ps, 1, now);
        Sql.setInstant(ps, 2, leaseNow);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  @Override
  public List<Instant> dueTimers(Instant until, int limit) {
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = Sql.plannedEachTime(c.prepareStatement(DUE_TIMES))) {
        Sql.setInstant(ps, 1, until);
        ps.setInt(2, limit);
        List<Instant> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            result.add(Sql.getInstant(rs, "due_at"));
          }
        }
        return result;
      }
    });
  }

  // ---- retention -------------------------------------------------------------------------------------------------

  private void purgeIfDue(Instant now) {
    Instant last = lastPurge.get();
    if (last != null && last.plus(purgeEvery).isAfter(now)) {
      return;
    }
    if (!lastPurge.compareAndSet(last, now)) {
      return;
    }
    try {
      purgeFinished(now);
    } catch (RuntimeException e) {
      log.warn("Deleting finished runs older than {} failed; trying again later", retention, e);
    }
  }

  /**
   * Deletes runs finished more than the retention before {@code now}, and their step attempts, in batches of
   * {@value #PURGE_BATCH} runs per transaction. @return how many runs were deleted
   */
  public int purgeFinished(Instant now) {
    Instant horizon = now.minus(retention);
    int total = 0;
    while (true) {
      int deleted = Sql.inTransaction(ds, c -> {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = Sql.plannedEachTime(c.prepareStatement(PURGE_CANDIDATES))) {
          Sql.setInstant(ps, 1, horizon);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getString(1));
            }
          }
        }
        if (ids.isEmpty()) {
          return 0;
        }
        for (String table : List.of("pf_step_attempts", "pf_runs")) {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE run_id IN ("
              + Sql.placeholders(ids.size()) + ")")) {
            Sql.setStrings(ps, 1, ids);
            ps.executeUpdate();
          }
        }
        return ids.size();
      });
      total += deleted;
      if (deleted < PURGE_BATCH) {
        return total;
      }
    }
  }

  // ---- pending steps as JSON -------------------------------------------------------------------------------------

  /** Written with a generator (a save writes it every time): building maps for Jackson was ~3 % of a worker's CPU. */
  static String pendingJson(List<PendingStep> pending) {
    StringWriter text = new StringWriter(64 * pending.size() + 2);
    try (JsonGenerator g = JsonCodec.MAPPER.getFactory().createGenerator(text)) {
      g.writeStartArray();
      for (PendingStep p : pending) {
        g.writeStartObject();
        g.writeStringField("n", p.nodeId());
        g.writeNumberField("a", p.attempt());
        g.writeStringField("d", Sql.iso(p.dueAt()));
        if (p.parked()) {
          g.writeBooleanField("p", true);
        }
        if (p.awaitingJoin()) {
          g.writeBooleanField("j", true);
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("pending steps cannot be written as JSON", e);
    }
    return text.toString();
  }

  static List<PendingStep> pending(String json) {
    List<PendingStep> result = new ArrayList<>();
    for (JsonNode p : JsonCodec.tree(json)) {
      result.add(new PendingStep(p.get("n").textValue(), p.get("a").intValue(), Instant.parse(p.get("d").textValue()),
          p.has("p") && p.get("p").booleanValue(), p.has("j") && p.get("j").booleanValue()));
    }
    return result;
  }

  // ---- scheduled scans and occurrences ---------------------------------------------------------------------------

  @Override
  public void scheduleScan(String organizationId, Instant dueAt) {
    Sql.inTransaction(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE pf_scans SET due_at = ? WHERE organization_id = ?"
          + " AND lease_owner IS NULL AND due_at > ?")) {
        Sql.setInstant(ps, 1, dueAt);
        ps.setString(2, organizationId);
        Sql.setInstant(ps, 3, dueAt);
        if (ps.executeUpdate() == 1) {
          return null;
        }
      }
      String insert = dialect.insertIgnoringDuplicates(
          "INSERT INTO pf_scans (organization_id, due_at, version) VALUES (?, ?, 1)");
      try (PreparedStatement ps = c.prepareStatement(insert)) {
        ps.setString(1, organizationId);
        Sql.setInstant(ps, 2, dueAt);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (!Sql.isDuplicateKey(e)) {
          throw e;
        }
      }
      return null;
    });
  }

  @Override
  public List<ScanClaim> claimDueScans(Instant now, int limit, String owner, Instant leaseUntil) {
    if (limit <= 0) {
      return List.of();
    }
    return Sql.inTransaction(ds, c -> {
      Map<String, long[]> candidates = new LinkedHashMap<>();
      Map<String, Instant> due = new HashMap<>();
      String select = "SELECT organization_id, version, due_at FROM pf_scans WHERE due_at <= ? AND (lease_owner IS"
          + " NULL OR lease_until <= ?) ORDER BY due_at, organization_id LIMIT ?"
          + (dialect.claimsInOneStatement() ? " FOR UPDATE SKIP LOCKED" : "");
      try (PreparedStatement ps = c.prepareStatement(select)) {
        Sql.setInstant(ps, 1, now);
        Sql.setInstant(ps, 2, now);
        ps.setInt(3, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            candidates.put(rs.getString(1), new long[] {rs.getLong(2)});
            due.put(rs.getString(1), Sql.getInstant(rs, "due_at"));
          }
        }
      }
      List<ScanClaim> claimed = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("UPDATE pf_scans SET lease_owner = ?, lease_until = ?,"
          + " due_at = ?, version = version + 1 WHERE organization_id = ? AND version = ?")) {
        for (Map.Entry<String, long[]> e : candidates.entrySet()) {
          ps.setString(1, owner);
          Sql.setInstant(ps, 2, leaseUntil);
          Sql.setInstant(ps, 3, leaseUntil);
          ps.setString(4, e.getKey());
          ps.setLong(5, e.getValue()[0]);
          if (ps.executeUpdate() == 1) {
            claimed.add(new ScanClaim(e.getKey(), e.getValue()[0] + 1, due.get(e.getKey())));
          }
        }
      }
      return claimed;
    });
  }

  @Override
  public boolean extendScanLease(String organizationId, long version, String owner, Instant leaseUntil) {
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE pf_scans SET lease_until = GREATEST(lease_until, ?),"
          + " due_at = GREATEST(due_at, ?) WHERE organization_id = ? AND version = ? AND lease_owner = ?")) {
        Sql.setInstant(ps, 1, leaseUntil);
        Sql.setInstant(ps, 2, leaseUntil);
        ps.setString(3, organizationId);
        ps.setLong(4, version);
        ps.setString(5, owner);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean finishScan(String organizationId, long version, String owner, Instant nextDueAt) {
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE pf_scans SET lease_owner = NULL, lease_until = NULL,"
          + " due_at = ?, version = version + 1 WHERE organization_id = ? AND version = ? AND lease_owner = ?")) {
        Sql.setInstant(ps, 1, nextDueAt);
        ps.setString(2, organizationId);
        ps.setLong(3, version);
        ps.setString(4, owner);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<Instant> dueScanTimes(Instant until, int limit) {
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT due_at FROM pf_scans WHERE due_at <= ? ORDER BY due_at LIMIT ?")) {
        Sql.setInstant(ps, 1, until);
        ps.setInt(2, limit);
        List<Instant> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            result.add(Sql.getInstant(rs, "due_at"));
          }
        }
        return result;
      }
    });
  }

  @Override
  public Set<String> occurrences(String organizationId, String workflowId, Collection<String> keys) {
    if (keys.isEmpty()) {
      return Set.of();
    }
    List<String> all = List.copyOf(keys);
    return Sql.autoCommit(ds, c -> {
      Set<String> found = new HashSet<>();
      for (int from = 0; from < all.size(); from += IN_CHUNK) {
        List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
        try (PreparedStatement ps = c.prepareStatement("SELECT occurrence_key FROM pf_occurrences WHERE"
            + " organization_id = ? AND workflow_id = ? AND occurrence_key IN (" + Sql.placeholders(chunk.size())
            + ")")) {
          ps.setString(1, organizationId);
          ps.setString(2, workflowId);
          Sql.setStrings(ps, 3, chunk);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              found.add(rs.getString(1));
            }
          }
        }
      }
      return found;
    });
  }

  @Override
  public boolean recordOccurrence(String organizationId, String workflowId, String key, Instant at) {
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement(dialect.insertIgnoringDuplicates("INSERT INTO pf_occurrences"
          + " (organization_id, workflow_id, occurrence_key, fired_at) VALUES (?, ?, ?, ?)"))) {
        ps.setString(1, organizationId);
        ps.setString(2, workflowId);
        ps.setString(3, key);
        Sql.setInstant(ps, 4, at);
        return ps.executeUpdate() == 1;
      } catch (SQLException e) {
        if (Sql.isDuplicateKey(e)) {
          return false;
        }
        throw e;
      }
    });
  }
}
