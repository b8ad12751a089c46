package dev.partnerflow.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Everything that differs between the databases, in one place: which scripts, how the migration lock is taken,
 * how a duplicate insert is ignored, and whether claiming runs as one statement.
 *
 * <ul>
 *   <li>PostgreSQL: {@code INSERT ... ON CONFLICT DO NOTHING} (waits for a concurrent inserter of the same key,
 *       never aborts the transaction); claims in one {@code UPDATE ... FROM (SELECT ... FOR UPDATE SKIP LOCKED
 *       LIMIT n) RETURNING}; the migration lock is {@code pg_advisory_xact_lock}, and DDL is transactional.
 *   <li>H2 (embedded, one process): a duplicate insert fails with SQL state 23505 (the transaction goes on); H2
 *       2.3 has no {@code SKIP LOCKED}, so claiming selects candidates and takes each with an update fenced by its
 *       version; H2 commits DDL at once, so the migration lock is a row lock held on a second connection.
 * </ul>
 */
public enum Dialect {
  H2("h2"),
  POSTGRESQL("postgresql");

  /** Key of the PostgreSQL advisory lock that serializes Partnerflow schema migrations ('pflw'). */
  static final long MIGRATION_LOCK_KEY = 0x70666c77L;

  private final String scripts;

  Dialect(String scripts) {
    this.scripts = scripts;
  }

  /** The resource directory of this dialect's versioned scripts. */
  public String scriptLocation() {
    return "dev/partnerflow/jdbc/db/" + scripts;
  }

  public static Dialect detect(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("h2")) {
      return H2;
    }
    throw new SQLException("unsupported database '" + c.getMetaData().getDatabaseProductName()
        + "': partnerflow-jdbc supports PostgreSQL and H2");
  }

  /** Which dialect a JDBC URL names, or null. */
  public static Dialect ofUrl(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    return null;
  }

  /** An insert that does nothing (0 rows) when a unique key is taken; on H2 the caller catches 23505 instead. */
  String insertIgnoringDuplicates(String insert) {
    return this == POSTGRESQL ? insert + " ON CONFLICT DO NOTHING" : insert;
  }

  /** Whether claims run as one locking statement ({@link #claimDueStatement}). */
  boolean claimsInOneStatement() {
    return this == POSTGRESQL;
  }

  /**
   * db-scheduler's lock-and-fetch with the locking select in a CTE (so it is evaluated once and locks at most
   * {@code limit} rows): parameters now, now, limit, then the SET values updated_at, lease_owner, lease_until,
   * due_at. Returns the claimed rows and the due time they were claimed at ({@code claimed_due}).
   */
  String claimDueStatement(String columns) {
    return "WITH due AS (SELECT run_id, due_at FROM pf_runs WHERE due_at <= ? AND status IN ('QUEUED', 'WAITING',"
        + " 'RUNNING') AND (lease_owner IS NULL OR lease_until <= ?) ORDER BY due_at, run_id LIMIT ?"
        + " FOR UPDATE SKIP LOCKED)"
        + " UPDATE pf_runs r SET status = 'RUNNING', version = r.version + 1, updated_at = ?, finished_at = NULL,"
        + " lease_owner = ?, lease_until = ?, due_at = ? FROM due WHERE r.run_id = due.run_id"
        + " RETURNING " + columns.replaceAll("(^|, )", "$1r.") + ", due.due_at AS claimed_due";
  }

  /**
   * Whether a save (the fenced run update and its step attempts) is one statement: on PostgreSQL the update is a
   * CTE whose returned row feeds the attempts' insert; H2 runs the two statements in a transaction.
   */
  boolean savesInOneStatement() {
    return this == POSTGRESQL;
  }

  /** Whether {@code UPDATE ... RETURNING} is available. */
  boolean supportsReturning() {
    return this == POSTGRESQL;
  }

  /** Takes the PostgreSQL migration lock for the current transaction. */
  void lockForMigration(Connection c) throws SQLException {
    if (this != POSTGRESQL) {
      throw new IllegalStateException("H2 locks with a lock row on a second connection");
    }
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK_KEY + ")");
    }
  }
}
