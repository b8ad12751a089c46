package dev.partnerflow.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.jdbc.JdbcStores;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * On H2 the store's reads of due and of long-finished runs read only the index entries in their range, however many
 * runs have no due time (finished) or no finish time (live). H2 reports the rows a query looked at
 * ({@code scanCount} in {@code EXPLAIN ANALYZE}); with the indexes' NULLs first, a claim looked at every finished run.
 */
class H2IndexScanTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final int FINISHED = 3_000;
  private static final int WAITING = 3_000;

  @Test
  void claims_due_time_reads_and_purges_look_only_at_rows_in_their_range() throws Exception {
    try (JdbcStores stores = JdbcStores.builder().url("jdbc:h2:mem:pf-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        .build()) {
      DataSource ds = stores.dataSource();
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        insert(s, "done", FINISHED, "SUCCEEDED", null, "2026-03-01 09:00:00+00"); // finished: no due time
        insert(s, "wait", WAITING, "WAITING", "2026-03-09 09:00:00+00", null); // a week away: no finish time
        insert(s, "due", 3, "WAITING", "2026-03-02 08:00:00+00", null);
      }

      assertThat(rowsLookedAt(ds, JdbcRunStore.CLAIM_CANDIDATES, NOW, NOW, 10)).as("claim").isLessThanOrEqualTo(4);
      assertThat(rowsLookedAt(ds, JdbcRunStore.DUE_TIMES, NOW, 1)).as("earliest due time").isLessThanOrEqualTo(2);
      // nothing finished before the horizon: the purge looks at the first finished run and stops
      assertThat(rowsLookedAt(ds, JdbcRunStore.PURGE_CANDIDATES, Instant.parse("2026-02-01T00:00:00Z")))
          .as("purge").isLessThanOrEqualTo(2);
    }
  }

  /** {@code n} runs named {@code prefix-1..n} (their event ids too), with the given status and times (UTC). */
  private static void insert(Statement s, String prefix, int n, String status, String dueAt, String finishedAt)
      throws SQLException {
    String created = "TIMESTAMP WITH TIME ZONE '2026-03-01 09:00:00+00'";
    s.execute("INSERT INTO pf_runs (run_id, organization_id, workflow_id, workflow_version, event_id, event_type,"
        + " event_occurred_at, event_data, test_run, created_at, status, pending, updated_at, version, due_at,"
        + " finished_at) SELECT '" + prefix + "-' || X, 'acme', 'welcome', 1, '" + prefix + "-' || X,"
        + " 'partner_created', " + created + ", '{}', FALSE, " + created + ", '" + status + "', '[]', " + created
        + ", 2, " + timestamp(dueAt) + ", " + timestamp(finishedAt) + " FROM SYSTEM_RANGE(1, " + n + ")");
  }

  private static String timestamp(String utc) {
    return utc == null ? "NULL" : "TIMESTAMP WITH TIME ZONE '" + utc + "'";
  }

  private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

  /** The rows H2 looked at to answer {@code sql} with these parameters (instants or integers). */
  private static long rowsLookedAt(DataSource ds, String sql, Object... parameters) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] instanceof Instant instant) {
          Sql.setInstant(ps, i + 1, instant);
        } else {
          ps.setInt(i + 1, (Integer) parameters[i]);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Matcher m = SCAN_COUNT.matcher(rs.getString(1));
        long total = 0;
        while (m.find()) {
          total += Long.parseLong(m.group(1));
        }
        return total;
      }
    }
  }
}
