package dev.partnerflow.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepResult;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * An action ("log_execution") that records every execution in {@code pf_test_executions} of the test schema: run id,
 * node id, idempotency key, the executing engine, the engine clock's time and the database's time. With
 * {@code holdMillis} the step then stays in flight that long, waiting in the database ({@code pg_sleep}), like a
 * slow call to a partner system. Duplicate executions are rows with the same run and node.
 */
final class ExecutionLog implements ActionType<ExecutionLog.Config> {
  record Config(@NotBlank String label, @PositiveOrZero int holdMillis) {}

  static final String TABLE_DDL = "CREATE TABLE IF NOT EXISTS pf_test_executions (seq BIGSERIAL PRIMARY KEY,"
      + " run_id VARCHAR(64) NOT NULL, node_id VARCHAR(128) NOT NULL, idem_key VARCHAR(256) NOT NULL,"
      + " owner VARCHAR(128) NOT NULL, engine_time TIMESTAMP(6) WITH TIME ZONE NOT NULL,"
      + " db_time TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp())";

  private final DataSource ds;
  private final String owner;

  ExecutionLog(DataSource ds, String owner) {
    this.ds = ds;
    this.owner = owner;
  }

  /** A small pool for the log's inserts. */
  static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setPoolName("execution-log");
    return new HikariDataSource(config);
  }

  static void createTable(String url) {
    try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(TABLE_DDL);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String name() {
    return "log_execution";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config("step", 0);
  }

  @Override
  public NodeDocumentation documentation() {
    return new NodeDocumentation("Log execution", "test action", "test", List.of());
  }

  @Override
  public StepResult execute(Config config, StepContext ctx) {
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO pf_test_executions (run_id, node_id, idem_key,"
          + " owner, engine_time) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, ctx.runId());
        ps.setString(2, ctx.nodeId());
        ps.setString(3, ctx.idempotencyKey());
        ps.setString(4, owner);
        ps.setTimestamp(5, Timestamp.from(ctx.clock().instant()));
        ps.executeUpdate();
      }
      if (config.holdMillis() > 0) {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT pg_sleep(" + config.holdMillis() / 1000.0 + ")");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not log the execution: " + e.getMessage(), e);
    }
    return StepResult.of(Map.of("by", owner));
  }

  @Override
  public StepResult dryRun(Config config, StepContext ctx) {
    return StepResult.of(Map.of());
  }
}
