package dev.partnerflow.jdbc.internal;

import dev.partnerflow.core.PartnerflowException;
import java.sql.SQLException;

/** A database error, unchecked: the SQL state and the driver's message, never the statement's parameters. */
public final class JdbcStoreException extends PartnerflowException {
  private static final long serialVersionUID = 1L;

  public JdbcStoreException(SQLException cause) {
    super("database error (SQL state " + cause.getSQLState() + "): " + cause.getMessage(), cause);
  }

  public JdbcStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
