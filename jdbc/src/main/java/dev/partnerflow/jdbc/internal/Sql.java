package dev.partnerflow.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
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

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  static <T> T inTransaction(DataSource ds, Work<T> work) {
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
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new JdbcStoreException(e);
    }
  }

  /** Runs {@code work} on a connection in auto-commit mode (single statements, reads). */
  static <T> T autoCommit(DataSource ds, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return work.run(c);
    } catch (SQLException e) {
      throw new JdbcStoreException(e);
    }
  }

  /** Instants are kept to the microsecond (PostgreSQL's precision); both sides of every comparison are truncated. */
  static Instant micros(Instant i) {
    return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
  }

  static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(micros(value), ZoneOffset.UTC));
    }
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
