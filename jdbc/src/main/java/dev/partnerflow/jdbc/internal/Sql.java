package dev.partnerflow.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import javax.sql.DataSource;

/** Small helpers: transactions, instants at microsecond precision, placeholders. */
final class Sql {
  private Sql() {}

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** How often a transaction that lost a deadlock or a serialization conflict is run again. */
  static final int CONFLICT_RETRIES = 3;

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. A transaction the
   * database aborted because of a deadlock or a serialization conflict (SQL state 40P01, 40001: nothing of it was
   * written) is run again, up to {@value #CONFLICT_RETRIES} times, so {@code work} must be safe to run again.
   */
  static <T> T inTransaction(DataSource ds, Work<T> work) {
    return retryingConflicts(() -> once(ds, work));
  }

  /** One try of a database call, for {@link #retryingConflicts}. */
  @FunctionalInterface
  private interface Call<T> {
    T call() throws SQLException;
  }

  /** Makes {@code call}, again when the database aborted it as a deadlock or serialization conflict. */
  private static <T> T retryingConflicts(Call<T> call) {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.call();
      } catch (SQLException e) {
        if (attempt < CONFLICT_RETRIES && isConflict(e)) {
          continue;
        }
        throw new JdbcStoreException(e);
      }
    }
  }

  private static <T> T once(DataSource ds, Work<T> work) throws SQLException {
    try (Connection c = ds.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          c.rollback();
        } catch (SQLException r) {
          e.addSuppressed(r);
        }
        throw e;
      } finally {
        try {
          c.setAutoCommit(auto);
        } catch (SQLException broken) {
          // the connection broke (the pool discards it); the transaction's own outcome is what matters
        }
      }
    }
  }

  /** Whether {@code t} says the database could not be reached (SQL state class 08, or a pool's connection timeout). */
  static boolean isConnectionFailure(Throwable t) {
    for (; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  static boolean isConflict(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        for (SQLException n = s; n != null; n = n.getNextException()) {
          if ("40P01".equals(n.getSQLState()) || "40001".equals(n.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Runs {@code work}, which writes with exactly one statement, in auto-commit mode: the statement is its own
   * transaction, so there is no BEGIN or COMMIT round trip. Retried like {@link #inTransaction} when the database
   * aborted it for a deadlock or a serialization conflict.
   */
  static <T> T inOneStatement(DataSource ds, Work<T> work) {
    return retryingConflicts(() -> onAutoCommit(ds, work));
  }

  /** Runs {@code work} on a connection in auto-commit mode (single statements, reads). */
  static <T> T autoCommit(DataSource ds, Work<T> work) {
    try {
      return onAutoCommit(ds, work);
    } catch (SQLException e) {
      throw new JdbcStoreException(e);
    }
  }

  private static <T> T onAutoCommit(DataSource ds, Work<T> work) throws SQLException {
    try (Connection c = ds.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return work.run(c);
    }
  }

  /** Instants are kept to the microsecond (PostgreSQL's precision); both sides of every comparison are truncated. */
  static Instant micros(Instant i) {
    return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
  }

  /** PostgreSQL's statement interface when its driver is present, to recognize its statements; else null. */
  private static final Class<?> PG_STATEMENT = pgStatement();

  /** {@code PGStatement.setPrepareThreshold(int)} when the PostgreSQL driver is present; else null. */
  private static final java.lang.reflect.Method SET_PREPARE_THRESHOLD = setPrepareThreshold();

  private static java.lang.reflect.Method setPrepareThreshold() {
    try {
      return PG_STATEMENT == null ? null : PG_STATEMENT.getMethod("setPrepareThreshold", int.class);
    } catch (NoSuchMethodException | LinkageError absent) {
      return null;
    }
  }

  /**
   * Has PostgreSQL plan {@code ps} with its parameters at each execution, never from a plan cached on the
   * connection (pgjdbc's prepare threshold 0; a no-op on other databases). For the poller's reads and claims, whose
   * best plan depends on the table's size: a plan cached while the table was nearly empty (a new installation, a
   * benchmark's fresh tables) scans the whole table, for every claim, until autoanalyze re-plans. They run a few
   * times a second, so planning each time costs nothing that shows; the per-run statements (primary-key updates and
   * inserts) keep their prepared plans.
   */
  static PreparedStatement plannedEachTime(PreparedStatement ps) throws SQLException {
    if (SET_PREPARE_THRESHOLD != null && ps.isWrapperFor(PG_STATEMENT)) {
      try {
        SET_PREPARE_THRESHOLD.invoke(ps.unwrap(PG_STATEMENT), 0);
      } catch (ReflectiveOperationException e) {
        throw new SQLException("could not set the PostgreSQL driver's prepare threshold", e);
      }
    }
    return ps;
  }

  private static Class<?> pgStatement() {
    try {
      return Class.forName("org.postgresql.PGStatement", false, Sql.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError absent) {
      return null;
    }
  }

  /**
   * Binds an instant (microsecond precision) or NULL. On PostgreSQL both go as text of unspecified type (the column
   * or expression gives it its type), so that a NULL in one execution and a value in the next have the same
   * parameter types. (An {@code OffsetDateTime} would go as timestamptz and a NULL as unspecified: a statement whose
   * timestamp parameters are NULL in one execution and set in the next, a run's due and finish times, was parsed and
   * planned again instead of reusing its server-side prepared statement.) The text is written here
   * ({@link #postgresText}) rather than by the driver from a {@link Timestamp}, which went through a
   * {@code Calendar} (~9 % of the JVM's samples in a worker pool's saves) and, being Julian before 1582, moved older
   * instants by days.
   */
  static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (PG_STATEMENT != null && ps.isWrapperFor(PG_STATEMENT)) {
      ps.setObject(index, value == null ? null : postgresText(micros(value)), Types.OTHER);
    } else if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(micros(value), ZoneOffset.UTC));
    }
  }

  /**
   * {@link Instant#toString()}'s text: ISO-8601 in UTC, the fraction in groups of three digits as needed. Written
   * here for the years 1–9999, where {@code Instant.toString} goes through a {@code DateTimeFormatter}.
   */
  static String iso(Instant instant) {
    return text(instant, false);
  }

  /**
   * The same for PostgreSQL, for every year it keeps: a year before 1 as its positive year before Christ with
   * {@code BC} after the text, a year after 9999 with all its digits (PostgreSQL reads neither ISO-8601's year 0 nor
   * its sign).
   */
  static String postgresText(Instant instant) {
    return text(instant, true);
  }

  private static final long FIRST_DAY = LocalDate.MIN.toEpochDay();
  private static final long LAST_DAY = LocalDate.MAX.toEpochDay();

  private static String text(Instant instant, boolean postgres) {
    long seconds = instant.getEpochSecond();
    long day = Math.floorDiv(seconds, 86_400);
    if (day < FIRST_DAY || day > LAST_DAY) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(day);
    int year = date.getYear();
    if (!postgres && (year < 1 || year > 9999)) {
      return instant.toString();
    }
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    int nano = instant.getNano();
    StringBuilder text = new StringBuilder(36);
    digits(text, year < 1 ? 1 - year : year, 4).append('-');
    digits(text, date.getMonthValue(), 2).append('-');
    digits(text, date.getDayOfMonth(), 2).append('T');
    digits(text, secondOfDay / 3600, 2).append(':');
    digits(text, secondOfDay / 60 % 60, 2).append(':');
    digits(text, secondOfDay % 60, 2);
    if (nano % 1_000_000 == 0 && nano > 0) {
      digits(text.append('.'), nano / 1_000_000, 3);
    } else if (nano % 1_000 == 0 && nano > 0) {
      digits(text.append('.'), nano / 1_000, 6);
    } else if (nano > 0) {
      digits(text.append('.'), nano, 9);
    }
    text.append('Z');
    return year < 1 ? text.append(" BC").toString() : text.toString();
  }

  /** Appends {@code value} with at least {@code width} digits, zero-padded. */
  private static StringBuilder digits(StringBuilder text, int value, int width) {
    for (int i = 1, bound = 10; i < width; i++, bound *= 10) {
      if (value < bound) {
        text.append('0');
      }
    }
    return text.append(value);
  }

  static Instant getInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  static int setStrings(PreparedStatement ps, int from, Collection<String> values) throws SQLException {
    int i = from;
    for (String v : values) {
      ps.setString(i++, v);
    }
    return i;
  }

  static boolean isDuplicateKey(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
