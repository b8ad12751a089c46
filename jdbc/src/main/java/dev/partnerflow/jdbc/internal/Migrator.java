package dev.partnerflow.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned scripts of a dialect that the database does not have yet, recording each in
 * {@code pf_schema_version}. The lock is taken first and only then is the applied list read (JobRunr #1519 read
 * it before locking and ran scripts twice when instances started together): on PostgreSQL an advisory
 * transaction lock, and every script and its version row in that one transaction; on H2, whose DDL commits at
 * once, a row lock on {@code pf_schema_lock} held by one connection while a second connection applies the
 * scripts (so a pool needs at least two connections while migrating).
 */
public final class Migrator {
  private static final Logger log = LoggerFactory.getLogger(Migrator.class);

  /** The scripts in order; named so that Flyway runs them unchanged. */
  public static final List<String> SCRIPTS = List.of("V1__partnerflow_schema.sql", "V2__scheduled_triggers.sql",
      "V3__index_nulls_last.sql");

  private static final String VERSION_TABLE = "CREATE TABLE IF NOT EXISTS pf_schema_version (version INTEGER"
      + " PRIMARY KEY, script VARCHAR(200) NOT NULL, installed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL)";

  private Migrator() {}

  /** @return how many scripts were applied (0 when the schema was current) */
  public static int migrate(DataSource ds, Dialect dialect) {
    try {
      return dialect == Dialect.POSTGRESQL ? migratePostgres(ds, dialect) : migrateH2(ds, dialect);
    } catch (SQLException e) {
      throw new JdbcStoreException("the Partnerflow schema could not be migrated: " + e.getMessage(), e);
    }
  }

  private static int migratePostgres(DataSource ds, Dialect dialect) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        dialect.lockForMigration(c);
        try (Statement s = c.createStatement()) {
          s.execute(VERSION_TABLE);
        }
        int applied = applyMissing(c, dialect);
        c.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static int migrateH2(DataSource ds, Dialect dialect) throws SQLException {
    try (Connection lock = ds.getConnection()) {
      lock.setAutoCommit(true);
      try (Statement s = lock.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS pf_schema_lock (id INTEGER PRIMARY KEY)");
        try {
          s.execute("INSERT INTO pf_schema_lock (id) VALUES (1)");
        } catch (SQLException e) {
          if (!Sql.isDuplicateKey(e)) {
            throw e;
          }
        }
      }
      lock.setAutoCommit(false);
      try {
        try (Statement s = lock.createStatement()) {
          s.executeQuery("SELECT id FROM pf_schema_lock WHERE id = 1 FOR UPDATE").close();
        }
        try (Connection work = ds.getConnection()) {
          work.setAutoCommit(true);
          try (Statement s = work.createStatement()) {
            s.execute(VERSION_TABLE);
          }
          return applyMissing(work, dialect);
        }
      } finally {
        lock.commit();
        lock.setAutoCommit(true);
      }
    }
  }

  private static int applyMissing(Connection c, Dialect dialect) throws SQLException {
    Set<Integer> done = new HashSet<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM pf_schema_version")) {
      while (rs.next()) {
        done.add(rs.getInt(1));
      }
    }
    int applied = 0;
    for (String script : SCRIPTS) {
      int version = Integer.parseInt(script.substring(1, script.indexOf("__")));
      if (done.contains(version)) {
        continue;
      }
      try (Statement s = c.createStatement()) {
        for (String statement : statements(read(dialect.scriptLocation() + "/" + script))) {
          s.execute(statement);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          // when a script was installed is the database's own record, stamped by its clock
          "INSERT INTO pf_schema_version (version, script, installed_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
        ps.setInt(1, version);
        ps.setString(2, script);
        ps.executeUpdate();
      }
      log.info("Partnerflow schema: applied {} ({})", script, dialect);
      applied++;
    }
    return applied;
  }

  /** The script's text, from this module's resources. */
  public static String read(String resource) {
    try (InputStream in = Migrator.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema script " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Statements of a script: comment lines dropped, split at semicolons that end a line. */
  static List<String> statements(String script) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        result.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      result.add(current.toString().strip());
    }
    return result;
  }
}
