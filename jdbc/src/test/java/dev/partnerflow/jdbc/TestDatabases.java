package dev.partnerflow.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real databases for the tests: a fresh in-memory H2 database, an H2 file in a temporary directory, or a fresh
 * schema on the PostgreSQL named by {@value #POSTGRES_URL_VARIABLE} (dropped afterwards).
 */
public final class TestDatabases {
  public static final String POSTGRES_URL_VARIABLE = "PARTNERFLOW_TEST_POSTGRES_URL";
  private static final Logger log = LoggerFactory.getLogger(TestDatabases.class);
  private static final AtomicBoolean SKIP_LOGGED = new AtomicBoolean();

  private TestDatabases() {}

  public static String h2Mem() {
    return "jdbc:h2:mem:pf-" + UUID.randomUUID();
  }

  /** A data source on a fresh in-memory H2 database that lives until the JVM exits. */
  public static DataSource h2MemDataSource() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(h2Mem() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  public static String h2File(Path dir) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("pf");
  }

  public static String postgresUrl() {
    return System.getenv(POSTGRES_URL_VARIABLE);
  }

  /** A fresh schema on the test PostgreSQL; {@link Schema#url()} points into it, {@link Schema#drop()} drops it. */
  public static Schema postgresSchema() {
    String base = postgresUrl();
    String name = "pf_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(POSTGRES_URL_VARIABLE + " is set, but PostgreSQL cannot be reached at "
          + base + ": " + e.getMessage(), e);
    }
    return new Schema(base, name);
  }

  public record Schema(String base, String name) {
    public String url() {
      return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** A plain (unpooled) data source on this schema. */
    public DataSource dataSource() {
      org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
      pg.setURL(url());
      return pg;
    }

    public void truncate() {
      try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
        List<String> tables = new ArrayList<>(List.of("pf_step_attempts", "pf_runs", "pf_workflow_versions",
            "pf_workflows", "pf_scans", "pf_occurrences"));
        s.execute("TRUNCATE " + String.join(", ", tables));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    public void drop() {
      try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Runs a test class only when {@value #POSTGRES_URL_VARIABLE} is set; says once that PostgreSQL tests were skipped. */
  public static final class PostgresConfigured implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String url = postgresUrl();
      if (url != null && !url.isBlank()) {
        return ConditionEvaluationResult.enabled(POSTGRES_URL_VARIABLE + " is set");
      }
      if (SKIP_LOGGED.compareAndSet(false, true)) {
        log.warn("PostgreSQL tests were skipped: set {} (e.g. jdbc:postgresql://127.0.0.1:55433/partnerflow_test"
            + "?user=postgres) to run them; .ci/run starts a throwaway PostgreSQL and sets it", POSTGRES_URL_VARIABLE);
      }
      return ConditionEvaluationResult.disabled(POSTGRES_URL_VARIABLE + " is not set");
    }
  }
}
