/**
 * The schema scripts for PostgreSQL ({@code V<n>__<name>.sql}), applied by the store at start unless
 * {@code schema.migrate=false}. No classes: the package is opened so that a host's own Flyway or Liquibase can read
 * the scripts when Partnerflow is on the module path.
 */
package dev.partnerflow.jdbc.db.postgresql;
