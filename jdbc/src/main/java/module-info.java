/**
 * Partnerflow JDBC stores: durable workflows and runs on H2 (an embedded file) or PostgreSQL (shared by several
 * application instances). Plain {@code java.sql}; a HikariCP pool for store URLs. The JDBC driver is the host's
 * choice ({@code com.h2database:h2} or {@code org.postgresql:postgresql} at runtime).
 *
 * <p>Only {@code dev.partnerflow.jdbc} is API; {@code dev.partnerflow.jdbc.internal} is not exported.
 *
 * @since 0.2
 */
module dev.partnerflow.jdbc {
  requires transitive dev.partnerflow.core;
  requires transitive java.sql;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.zaxxer.hikari;
  requires org.slf4j;

  exports dev.partnerflow.jdbc;
  // the schema scripts, for a host's own Flyway or Liquibase (schema.migrate=false)
  opens dev.partnerflow.jdbc.db.h2;
  opens dev.partnerflow.jdbc.db.postgresql;

  provides dev.partnerflow.core.store.StoreProvider with dev.partnerflow.jdbc.internal.JdbcStoreProvider;
}
