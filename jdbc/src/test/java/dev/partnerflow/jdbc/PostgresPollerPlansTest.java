package dev.partnerflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.partnerflow.core.store.RunStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The poller's claims and reads of due runs are planned by PostgreSQL at each execution, never run from a plan the
 * connection cached while the table was nearly empty. Reproduced on main with the 2-thread throughput benchmark:
 * right after its tables were emptied, {@code auto_explain} logged the claim's cached plan scanning all of
 * {@code pf_runs} until autoanalyze re-planned. One pooled connection here, so the test can read that connection's
 * prepared statements ({@code pg_prepared_statements} lists a session's own).
 */
@ExtendWith(TestDatabases.PostgresConfigured.class)
class PostgresPollerPlansTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private TestDatabases.Schema schema;
  private HikariDataSource pool;
  private JdbcStores stores;
  private RunStore runs;

  @BeforeEach
  void open() {
    schema = TestDatabases.postgresSchema();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(schema.url());
    config.setMaximumPoolSize(1);
    pool = new HikariDataSource(config);
    stores = JdbcStores.builder().dataSource(pool).databaseLeaseClock(false).build();
    runs = stores.runs();
  }

  @AfterEach
  void close() {
    stores.close();
    pool.close();
    schema.drop();
  }

  @Test
  void claims_and_due_reads_keep_no_cached_plan_on_the_connection() throws SQLException {
    for (int i = 0; i < 20; i++) {
      Instant now = T0.plusSeconds(i);
      assertThat(runs.claimDue(now, 10, "engine-a", now.plus(Duration.ofMinutes(5)))).isEmpty();
      assertThat(runs.dueTimers(now, 10)).isEmpty();
      assertThat(runs.countDue(now)).isZero();
    }

    try (Connection c = stores.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT statement, generic_plans FROM pg_prepared_statements"
            + " WHERE statement LIKE '%pf_runs WHERE due_at <=%'")) {
      List<String> cached = new ArrayList<>();
      while (rs.next()) {
        cached.add(rs.getLong(2) + " generic plans: " + rs.getString(1));
      }
      assertThat(cached).as("statements over the due index prepared on the connection").isEmpty();
    }
  }
}
