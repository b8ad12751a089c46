package dev.partnerflow.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** Plain JDBC for the one-shot PostgreSQL benchmarks. */
final class BenchmarkSql {
  private BenchmarkSql() {}

  /** The URL of a throwaway database in {@code -Dpartnerflow.bench.postgres}, required. */
  static String postgresUrl() {
    String url = System.getProperty("partnerflow.bench.postgres");
    if (url == null) {
      throw new IllegalArgumentException("set -Dpartnerflow.bench.postgres to the URL of a throwaway database");
    }
    return url;
  }

  /** Empties the Partnerflow tables of a throwaway database (the store has created them). */
  static void emptyStore(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      exec(c, "TRUNCATE pf_step_attempts, pf_runs, pf_workflow_versions, pf_workflows");
    }
  }

  /**
   * Sets PostgreSQL's {@code commit_delay} (microseconds, with {@code commit_siblings = 1}) for new sessions of the
   * throwaway database, or resets both when {@code micros} is 0. Needs a superuser or {@code GRANT SET ON PARAMETER}.
   */
  static void setCommitDelay(int micros) throws SQLException {
    List<String> changes = micros == 0 ? List.of("RESET commit_delay", "RESET commit_siblings")
        : List.of("SET commit_delay = " + micros, "SET commit_siblings = 1");
    try (Connection c = DriverManager.getConnection(postgresUrl())) {
      for (String change : changes) {
        exec(c, "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I " + change + "', current_database()); END $$");
      }
    }
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Prints a query's rows as "column=value" lines. */
  static void print(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 1; i <= md.getColumnCount(); i++) {
          line.append(i == 1 ? "" : ", ").append(md.getColumnLabel(i).toLowerCase(Locale.ROOT)).append('=')
              .append(rs.getString(i));
        }
        System.out.println(line);
      }
    }
  }
}
