/**
 * Durable Partnerflow stores on JDBC (H2, PostgreSQL): {@link dev.partnerflow.jdbc.JdbcStores}.
 *
 * @since 0.2
 */
package dev.partnerflow.jdbc;
