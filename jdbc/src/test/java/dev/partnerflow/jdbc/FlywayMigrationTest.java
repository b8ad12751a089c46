package dev.partnerflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.testing.SettableClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host that runs the schema with its own Flyway (store property {@code schema.migrate=false}): Flyway applies the
 * scripts shipped in the jar as they are, and the engine runs on the schema it made. H2 here, PostgreSQL in
 * {@link PostgresFlywayMigrationTest}.
 */
class FlywayMigrationTest {
  private static final String ORG = "acme";
  private Database db;

  /** An empty database and how to drop it. */
  protected record Database(String url, Runnable drop) {}

  /** A fresh, empty database. */
  protected Database newDatabase() {
    return new Database(TestDatabases.h2Mem() + ";DB_CLOSE_DELAY=-1", () -> {});
  }

  protected String dialect() {
    return "h2";
  }

  @BeforeEach
  void open() {
    db = newDatabase();
  }

  @AfterEach
  void close() {
    db.drop().run();
  }

  @Test
  void flyway_applies_the_shipped_scripts_unchanged_and_the_engine_runs_on_its_schema() throws Exception {
    Flyway flyway = Flyway.configure().dataSource(db.url(), null, null)
        .locations("classpath:dev/partnerflow/jdbc/db/" + dialect()).load();
    MigrateResult result = flyway.migrate();
    assertThat(result.success).isTrue();
    assertThat(result.migrationsExecuted).as("every script the store itself would apply")
        .isEqualTo(appliedByTheStore());

    SettableClock clock = SettableClock.at("2026-01-05T09:00:00Z");
    RecordingAction action = new RecordingAction();
    try (WorkflowEngine engine = WorkflowEngine.builder().storeUrl(db.url())
        .storeProperty(JdbcStores.SCHEMA_MIGRATE, "false").clock(clock).executor(Runnable::run)
        .nodeType(action).build()) {
      Workflow hello = Workflow.builder(ORG, "Hello").id("hello").trigger("partner_created")
          .then("hi", "record_call", Map.of("message", "welcome")).build();
      engine.workflows().activate(ORG, engine.workflows().create(ORG, hello).id());
      Run run = engine.publish(new Event("evt-1", ORG, "partner_created", clock.instant(),
          Map.of("partner", Map.of("id", "p-1", "name", "Globex")))).get(0);

      assertThat(engine.awaitFinished(ORG, run.id(), Duration.ofSeconds(30)).status())
          .isEqualTo(RunStatus.SUCCEEDED);
      assertThat(action.calls).containsExactly(run.id() + ":hi welcome");
    }
    assertThat(tableExists("pf_schema_version")).as("the store's own migrator did not run").isFalse();
    assertThat(flyway.migrate().migrationsExecuted).as("nothing left for Flyway").isZero();
  }

  /** How many scripts the store's own migrator applies to another empty database of the same kind. */
  private int appliedByTheStore() {
    Database other = newDatabase();
    try (JdbcStores stores = JdbcStores.builder().url(other.url()).migrate(false).build()) {
      return JdbcStores.migrate(stores.dataSource());
    } finally {
      other.drop().run();
    }
  }

  /** Whether {@code table} exists in the connection's own schema. */
  private boolean tableExists(String table) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.url());
        ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), null, new String[] {"TABLE"})) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
          return true;
        }
      }
      return false;
    }
  }
}
