package dev.partnerflow.benchmarks;

import static dev.partnerflow.benchmarks.BenchmarkSql.exec;
import static dev.partnerflow.benchmarks.BenchmarkSql.print;
import static dev.partnerflow.benchmarks.BenchmarkSql.single;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.examples.guide.WelcomeNewPartner;
import dev.partnerflow.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One shot: the bytes a run waiting on a 7-day delay takes in the PostgreSQL store. Publishes {@code runs} events
 * through a real engine on the JDBC store (standard steps with no-op senders, runs executed in the publishing
 * threads, every run checked to be WAITING on its delay), {@code VACUUM ANALYZE}s, and prints per run: each
 * table's heap, TOAST and every index, the average stored size of every column; then the same after
 * {@code VACUUM FULL} (packed: no free space left by updates, indexes rebuilt), and the size of copies of the
 * packed tables with one change each (what-ifs; the store's own schema is not touched).
 *
 * <p>Workflows ({@code partnerflow.bench.workflows}, comma-separated): {@code check-in} is the in-memory
 * {@link WaitingRunsBenchmark}'s "trigger → delay 7 days → update_record" with its five-field partner event, so the
 * figures compare; {@code welcome} is the guide's example 1 (welcome email, notify the manager, delay 7 days,
 * follow-up; the examples' {@code WelcomeNewPartner}), whose two emails are recorded as step attempts before the run
 * parks; {@code peer} is the Flowable peer's timer process (an email, the delay, Slack, a record update: one step
 * attempt before the run parks), whose bytes per waiting instance the peer's harness reports. Workflow ids are
 * random UUIDs, as the engine gives a workflow created without one.
 *
 * <pre>{@code
 * java -Dpartnerflow.bench.postgres='jdbc:postgresql://127.0.0.1:55442/partnerflow_test?user=postgres' \
 *   -cp benchmarks/target/benchmarks.jar dev.partnerflow.benchmarks.DurableWaitingRunsSizeBenchmark
 * }</pre>
 *
 * <p>System properties: {@code partnerflow.bench.postgres} (required: a throwaway database, its Partnerflow tables
 * are emptied), {@code partnerflow.bench.runs} (50000), {@code partnerflow.bench.threads} (4 publishing threads),
 * {@code partnerflow.bench.workflows} ({@code check-in,welcome}; also {@code peer}).
 */
public final class DurableWaitingRunsSizeBenchmark {
  private static final String ORG = "acme";
  private static final List<String> TABLES = List.of("pf_runs", "pf_step_attempts");

  private DurableWaitingRunsSizeBenchmark() {}

  public static void main(String[] args) throws Exception {
    String url = BenchmarkSql.postgresUrl();
    int runs = Integer.getInteger("partnerflow.bench.runs", 50_000);
    int threads = Integer.getInteger("partnerflow.bench.threads", 4);
    for (String workflow : System.getProperty("partnerflow.bench.workflows", "check-in,welcome").split(",")) {
      System.out.printf("%n== workflow %s, %,d runs ==%n", workflow.trim(), runs);
      try (JdbcStores stores = JdbcStores.builder().url(url).poolSize(threads + 2).build()) {
        BenchmarkSql.emptyStore(stores.dataSource());
        load(stores, workflow.trim(), runs, threads);
      }
      try (Connection c = DriverManager.getConnection(url)) {
        measure(c, runs);
      }
    }
  }

  private static Workflow workflow(String name) {
    return switch (name) {
      case "check-in" -> BenchmarkWorkflows.checkIn(ORG, UUID.randomUUID().toString());
      case "welcome" -> WelcomeNewPartner.workflow();
      case "peer" -> BenchmarkWorkflows.dealFollowUp(ORG, UUID.randomUUID().toString());
      default -> throw new IllegalArgumentException("workflow must be check-in, welcome or peer, but was " + name);
    };
  }

  private static Event event(String workflow, int i, Instant now) {
    return switch (workflow) {
      case "welcome" -> BenchmarkWorkflows.welcomeEvent(ORG, i, now);
      case "peer" -> BenchmarkWorkflows.dealEvent(ORG, i, now);
      default -> BenchmarkWorkflows.checkInEvent(ORG, i, now);
    };
  }

  /** Publishes the runs from {@code threads} threads and checks that each one is WAITING on its delay. */
  private static void load(JdbcStores stores, String workflow, int runs, int threads) throws Exception {
    WorkflowEngine engine = BenchmarkWorkflows.engine().clock(Clock.systemUTC())
        .stores(stores.workflows(), stores.runs()).maxConcurrentRuns(Math.max(4, threads)).build();
    try {
      Workflow wf = workflow(workflow);
      engine.workflows().create(ORG, wf);
      engine.workflows().activate(ORG, wf.id());
      AtomicInteger next = new AtomicInteger();
      AtomicLong notWaiting = new AtomicLong();
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < runs; ) {
            List<Run> started = engine.publish(event(workflow, i, Instant.now()));
            if (started.size() != 1 || started.get(0).status() != RunStatus.WAITING) {
              notWaiting.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("loaded in %.0f s (%,.0f runs/s)%n", seconds, runs / seconds);
      if (notWaiting.get() > 0) {
        throw new IllegalStateException(notWaiting.get() + " runs were not WAITING after publish");
      }
    } finally {
      engine.close();
    }
  }

  private static void measure(Connection c, int runs) throws SQLException {
    c.setAutoCommit(true);
    print(c, "SELECT version()");
    print(c, "SELECT status, count(*) FROM pf_runs GROUP BY status");
    print(c, "SELECT node_id, status, count(*) FROM pf_step_attempts GROUP BY node_id, status ORDER BY node_id");
    if (single(c, "SELECT count(*) FROM pf_runs WHERE status = 'WAITING'") != runs) {
      throw new IllegalStateException("not every run is waiting");
    }
    report(c, runs, "VACUUM ANALYZE", "as loaded, after VACUUM ANALYZE");
    columns(c, runs);
    System.out.println("\none waiting run and its attempts, as stored:");
    String first = "(SELECT run_id FROM pf_runs ORDER BY created_at LIMIT 1)";
    print(c, "SELECT run_id, event_data, pending FROM pf_runs WHERE run_id = " + first);
    print(c, "SELECT node_id, input, output FROM pf_step_attempts WHERE run_id = " + first + " ORDER BY seq");
    report(c, runs, "VACUUM FULL", "packed: after VACUUM FULL (heap rewritten, indexes rebuilt)");
    whatIf(c, runs);
  }

  /** Vacuums both tables, then prints their heap, TOAST and each index per run, and the total. */
  private static void report(Connection c, int runs, String vacuum, String title) throws SQLException {
    long total = 0;
    System.out.printf("%n-- %s --%n", title);
    for (String table : TABLES) {
      exec(c, vacuum + " " + table);
      total += single(c, "SELECT pg_total_relation_size('" + table + "')");
      String sql = "SELECT 'heap + free space map + visibility map', pg_table_size('" + table + "')"
          + " - COALESCE(pg_total_relation_size(reltoastrelid), 0) FROM pg_class WHERE oid = '" + table + "'::regclass"
          + " UNION ALL SELECT 'TOAST table + its index', COALESCE(pg_total_relation_size(reltoastrelid), 0)"
          + " FROM pg_class WHERE oid = '" + table + "'::regclass"
          + " UNION ALL (SELECT 'index ' || indexrelid::regclass::text, pg_relation_size(indexrelid) FROM pg_index"
          + " WHERE indrelid = '" + table + "'::regclass ORDER BY 1)";
      System.out.println(table);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          System.out.printf("  %-40s %,14d bytes %8.1f per run%n", rs.getString(1), rs.getLong(2),
              (double) rs.getLong(2) / runs);
        }
      }
    }
    System.out.printf("TOTAL %,d bytes = %,.0f bytes per waiting run%n", total, (double) total / runs);
  }

  /**
   * Average stored size of every column ({@code pg_column_size}: after compression, a TOAST pointer when out of
   * line; NULL counts 0), and of the whole row as a composite datum (about the tuple, header included), by run
   * status or step node.
   */
  private static void columns(Connection c, int runs) throws SQLException {
    for (String table : TABLES) {
      List<String> cols = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT attname FROM pg_attribute"
          + " WHERE attrelid = '" + table + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
        while (rs.next()) {
          cols.add(rs.getString(1));
        }
      }
      String group = table.equals("pf_step_attempts") ? "node_id" : "status";
      StringBuilder sql = new StringBuilder("SELECT " + group + ", count(*), round(avg(pg_column_size(t.*)), 1)");
      for (String col : cols) {
        sql.append(", round(avg(COALESCE(pg_column_size(").append(col).append("), 0)), 1) AS ").append(col);
      }
      sql.append(" FROM ").append(table).append(" t GROUP BY 1 ORDER BY 1");
      System.out.printf("%naverage stored bytes per column, %s:%n", table);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          System.out.printf("  [%s] %.2f rows per run, whole row %s bytes%n", rs.getString(1),
              (double) rs.getLong(2) / runs, rs.getString(3));
          for (int i = 4; i <= md.getColumnCount(); i++) {
            if (!rs.getString(i).equals("0.0")) {
              System.out.printf("    %-20s %8s%n", md.getColumnLabel(i), rs.getString(i));
            }
          }
        }
      }
    }
  }

  /**
   * A copy of a packed table with one change: {@code alter} runs on the empty copy ({@code %s} is its name),
   * {@code values} overrides the expression a column is filled from, {@code dropIndex} names an index not copied.
   */
  private record Variant(String table, String name, List<String> alter, Map<String, String> values,
                         String dropIndex) {}

  private static final String RUN_ID_UUID = "ALTER TABLE %s ALTER COLUMN run_id TYPE uuid USING run_id::uuid";
  private static final Map<String, String> NO_IDEMPOTENCY_KEY =
      Map.of("output", "regexp_replace(output, ',?\"idempotencyKey\":\"[^\"]*\"', '')");

  private static void whatIf(Connection c, int runs) throws SQLException {
    System.out.println("\n-- what if: copies of the packed tables, one change each --");
    List<Variant> variants = List.of(
        new Variant("pf_runs", "plain copy", List.of(), Map.of(), null),
        new Variant("pf_runs", "run_id uuid instead of varchar(64)", List.of(RUN_ID_UUID), Map.of(), null),
        new Variant("pf_runs", "pending without the parked step's due time (= wake_at)", List.of(),
            Map.of("pending", "regexp_replace(pending, ',\"d\":\"[^\"]*\"', '')"), null),
        new Variant("pf_runs", "without index pf_runs_list", List.of(), Map.of(), "pf_runs_list"),
        new Variant("pf_step_attempts", "plain copy", List.of(), Map.of(), null),
        new Variant("pf_step_attempts", "run_id uuid instead of varchar(64)", List.of(RUN_ID_UUID), Map.of(), null),
        new Variant("pf_step_attempts", "output without idempotencyKey (= run id + ':' + node id)", List.of(),
            NO_IDEMPOTENCY_KEY, null),
        new Variant("pf_step_attempts", "without input (the rendered config)",
            List.of("ALTER TABLE %s DROP COLUMN input"), Map.of(), null),
        new Variant("pf_step_attempts", "without index pf_step_attempts_saved", List.of(), Map.of(),
            "pf_step_attempts_saved"),
        new Variant("pf_step_attempts", "all four above", List.of(RUN_ID_UUID, "ALTER TABLE %s DROP COLUMN input"),
            NO_IDEMPOTENCY_KEY, "pf_step_attempts_saved"));
    Map<String, Long> plain = new java.util.HashMap<>();
    for (Variant v : variants) {
      long size = copySize(c, v);
      long delta = size - plain.computeIfAbsent(v.table(), t -> size);
      System.out.printf("  %-17s %-58s %8.1f per run %+8.1f%n", v.table(), v.name(), (double) size / runs,
          (double) delta / runs);
    }
    exec(c, "DROP SCHEMA IF EXISTS pf_whatif CASCADE");
  }

  /** Builds the variant's copy (rows inserted, then indexes built, as VACUUM FULL does) and returns its size. */
  private static long copySize(Connection c, Variant v) throws SQLException {
    exec(c, "DROP SCHEMA IF EXISTS pf_whatif CASCADE");
    exec(c, "CREATE SCHEMA pf_whatif");
    String copy = "pf_whatif.t";
    exec(c, "CREATE TABLE " + copy + " (LIKE public." + v.table() + " INCLUDING ALL EXCLUDING INDEXES)");
    for (String alter : v.alter()) {
      exec(c, alter.replace("%s", copy));
    }
    List<String> select = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT attname, format_type(atttypid,"
        + " atttypmod) FROM pg_attribute WHERE attrelid = '" + copy + "'::regclass AND attnum > 0 AND NOT"
        + " attisdropped ORDER BY attnum")) {
      while (rs.next()) {
        String col = rs.getString(1);
        select.add(v.values().getOrDefault(col, rs.getString(2).equals("uuid") ? col + "::uuid" : col));
      }
    }
    exec(c, "INSERT INTO " + copy + " SELECT " + String.join(", ", select) + " FROM public." + v.table());
    List<String> indexes = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM"
        + " pg_indexes WHERE schemaname = 'public' AND tablename = '" + v.table() + "' ORDER BY 1")) {
      while (rs.next()) {
        if (!rs.getString(1).equals(v.dropIndex())) {
          indexes.add(rs.getString(2));
        }
      }
    }
    int n = 0;
    for (String def : indexes) {
      exec(c, def.replaceFirst("INDEX \\S+ ON public\\.\\S+ ", "INDEX ix" + n++ + " ON " + copy + " "));
    }
    exec(c, "VACUUM ANALYZE " + copy);
    return single(c, "SELECT pg_total_relation_size('" + copy + "')");
  }
}
