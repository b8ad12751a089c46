package dev.partnerflow.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.StoreProvider;
import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.jdbc.internal.Dialect;
import dev.partnerflow.jdbc.internal.JdbcStoreSupport;
import dev.partnerflow.jdbc.internal.Migrator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Durable Partnerflow stores on plain JDBC: H2 in a file for one application instance, PostgreSQL shared by
 * several. Opened from a URL (a HikariCP pool is created, owned and closed by these stores) or from the host's
 * {@link DataSource} (used as given; the host closes it). The versioned schema scripts in this jar are applied at
 * start unless {@link Builder#migrate(boolean) migrate(false)}.
 *
 * <pre>{@code
 * // through the engine (ServiceLoader finds this module's StoreProvider):
 * WorkflowEngine.builder().storeUrl("jdbc:h2:file:./data/partnerflow").build();
 * WorkflowEngine.builder().dataSource(pool).storeProperty(JdbcStores.SCHEMA_MIGRATE, "false").build();
 * // or directly:
 * try (JdbcStores stores = JdbcStores.builder().url("jdbc:postgresql://db/partnerflow?user=pf").build()) {
 *   WorkflowEngine.builder().stores(stores.workflows(), stores.runs()).build();
 * }
 * }</pre>
 *
 * <p>Store properties ({@code WorkflowEngine.Builder#storeProperty}, {@link #fromProperties}):
 * <ul>
 *   <li>{@value #SCHEMA_MIGRATE} ({@code true}): apply the schema scripts at start; {@code false} when the host
 *       runs them with its own Flyway or Liquibase (they are at {@code dev/partnerflow/jdbc/db/<dialect>/V*.sql}).
 *   <li>{@value #POOL_SIZE} ({@code 10}): the pool's maximum size for a URL (ignored with a host data source).
 *   <li>{@value #USER}, {@value #PASSWORD}: credentials for a URL that does not carry them.
 *   <li>{@value #RETENTION} (ISO-8601, {@code P30D}): finished runs and their step records are deleted this long
 *       after they finished, in batches; the dedupe key of a run lives as long as the run, so an event id starts
 *       nothing new for at least this long. Minutes-saved totals count the attempts still kept.
 * </ul>
 *
 * @since 0.2
 */
public final class JdbcStores implements StoreProvider.Stores {
  public static final String SCHEMA_MIGRATE = "schema.migrate";
  public static final String POOL_SIZE = "pool.size";
  public static final String USER = "user";
  public static final String PASSWORD = "password";
  public static final String RETENTION = "retention";
  /**
   * {@code database} (the default on PostgreSQL) or {@code engine} (the default on H2): with {@code database}, lease
   * expiries are set and judged on the database's clock (the engine clock's lease lengths, measured from the
   * database's now), so an instance whose clock runs ahead cannot take over leases that are still held; due times
   * stay on the engine clock. Choose {@code engine} when the engine runs on a clock of its own that tests move
   * (a moved clock does not move the database's, so leases would not expire with it).
   */
  public static final String LEASE_CLOCK = "lease.clock";
  public static final int DEFAULT_POOL_SIZE = 10;
  public static final Duration DEFAULT_RETENTION = RunStore.DEFAULT_DEDUPE_WINDOW;

  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final Dialect dialect;
  private final JdbcStoreSupport support;

  private JdbcStores(Builder b) {
    HikariDataSource pool = null;
    DataSource ds = b.dataSource;
    if (ds == null) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(b.url);
      config.setMaximumPoolSize(b.poolSize);
      config.setPoolName("partnerflow");
      if (Dialect.ofUrl(b.url) == Dialect.POSTGRESQL) {
        // a group commit's step records go as one multi-row INSERT instead of one statement per row
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // a process paused or cut off in the middle of a transaction keeps its row locks, and the other instances'
        // claims skip locked rows: the server ends such a session so its runs can be taken over after their lease
        config.setConnectionInitSql("SET idle_in_transaction_session_timeout = '10s'");
      }
      if (b.user != null) {
        config.setUsername(b.user);
      }
      if (b.password != null) {
        config.setPassword(b.password);
      }
      pool = new HikariDataSource(config);
      ds = pool;
    }
    try {
      Dialect d;
      try (Connection c = ds.getConnection()) {
        d = Dialect.detect(c);
      }
      if (b.migrate) {
        Migrator.migrate(ds, d);
      }
      this.dialect = d;
    } catch (SQLException | RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("cannot open the Partnerflow stores: " + e.getMessage(), e);
    }
    this.dataSource = ds;
    this.ownedPool = pool;
    boolean databaseLeaseClock = b.databaseLeaseClock != null ? b.databaseLeaseClock : dialect == Dialect.POSTGRESQL;
    this.support = new JdbcStoreSupport(ds, dialect, b.retention, databaseLeaseClock ? b.clock : null);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder set from store properties ({@value #SCHEMA_MIGRATE}, {@value #POOL_SIZE}, {@value #USER},
   * {@value #PASSWORD}, {@value #RETENTION}); unknown names are refused so that a typo does not pass silently.
   */
  public static Builder fromProperties(Map<String, String> properties) {
    Builder b = new Builder();
    for (Map.Entry<String, String> e : properties.entrySet()) {
      String v = e.getValue().trim();
      switch (e.getKey()) {
        case SCHEMA_MIGRATE -> b.migrate(parseBoolean(SCHEMA_MIGRATE, v));
        case POOL_SIZE -> b.poolSize(Integer.parseInt(v));
        case USER -> b.user = v;
        case PASSWORD -> b.password = e.getValue();
        case RETENTION -> b.retention(Duration.parse(v));
        case LEASE_CLOCK -> {
          if (!v.equals("engine") && !v.equals("database")) {
            throw new IllegalArgumentException(LEASE_CLOCK + " must be engine or database, but was '" + v + "'");
          }
          b.databaseLeaseClock(v.equals("database"));
        }
        default -> throw new IllegalArgumentException("unknown store property '" + e.getKey() + "'; the JDBC"
            + " stores know " + SCHEMA_MIGRATE + ", " + POOL_SIZE + ", " + USER + ", " + PASSWORD + ", "
            + RETENTION + ", " + LEASE_CLOCK);
      }
    }
    return b;
  }

  private static boolean parseBoolean(String name, String v) {
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException(name + " must be true or false, but was '" + v + "'");
  }

  @Override
  public WorkflowStore workflows() {
    return support.workflows();
  }

  @Override
  public RunStore runs() {
    return support.runs();
  }

  /** Deletes the workflow and cancels its unfinished runs in one transaction. */
  @Override
  public int deleteWorkflow(String organizationId, String workflowId, Instant now, String reason) {
    return support.deleteWorkflow(organizationId, workflowId, now, reason);
  }

  /**
   * Deletes finished runs (and their step records) older than the retention now; the run store also does this
   * by itself about once an hour of engine time while claiming. @return how many runs were deleted
   */
  public int purgeFinishedRuns(Instant now) {
    return support.purge(now);
  }

  /** "postgresql" or "h2". */
  public String dialect() {
    return dialect.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The data source the stores use (the owned pool, or the host's). */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Closes the pool when these stores created it; a host data source stays open. */
  @Override
  public void close() {
    if (ownedPool != null) {
      ownedPool.close();
    }
  }

  /** Applies the schema scripts the database does not have yet; safe when several instances do it at once. */
  public static int migrate(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return Migrator.migrate(dataSource, Dialect.detect(c));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot migrate the Partnerflow schema: " + e.getMessage(), e);
    }
  }

  /** How to open the stores. Exactly one of {@link #url} and {@link #dataSource}. */
  public static final class Builder {
    private String url;
    private DataSource dataSource;
    private boolean migrate = true;
    private int poolSize = DEFAULT_POOL_SIZE;
    private String user;
    private String password;
    private Duration retention = DEFAULT_RETENTION;
    private Boolean databaseLeaseClock;
    private java.time.Clock clock = java.time.Clock.systemUTC();

    private Builder() {}

    /** The engine's clock (default the system clock in UTC): the one whose instants the run store is given. */
    public Builder clock(java.time.Clock value) {
      this.clock = Objects.requireNonNull(value, "clock must not be null");
      return this;
    }

    /**
     * Judge leases by the database's clock ({@value #LEASE_CLOCK}{@code =database}) or by the engine's; default
     * true on PostgreSQL (several instances share it), false on H2 (one process).
     */
    public Builder databaseLeaseClock(boolean value) {
      this.databaseLeaseClock = value;
      return this;
    }

    /** A {@code jdbc:h2:} or {@code jdbc:postgresql:} URL; the stores create and close a pool for it. */
    public Builder url(String value) {
      this.url = Objects.requireNonNull(value, "url must not be null");
      if (Dialect.ofUrl(value) == null) {
        throw new IllegalArgumentException("the JDBC stores handle jdbc:h2: and jdbc:postgresql: URLs");
      }
      return this;
    }

    /** The host's data source, used as given and never closed by the stores. */
    public Builder dataSource(DataSource value) {
      this.dataSource = Objects.requireNonNull(value, "dataSource must not be null");
      return this;
    }

    /** Apply the schema scripts at start (default true). */
    public Builder migrate(boolean value) {
      this.migrate = value;
      return this;
    }

    /** Maximum pool size for a URL (default 10); at least 2. */
    public Builder poolSize(int value) {
      if (value < 2) {
        throw new IllegalArgumentException(POOL_SIZE + " must be at least 2, but was " + value);
      }
      this.poolSize = value;
      return this;
    }

    public Builder user(String value) {
      this.user = value;
      return this;
    }

    public Builder password(String value) {
      this.password = value;
      return this;
    }

    /** How long finished runs are kept (default 30 days, at least 1 day). */
    public Builder retention(Duration value) {
      if (value == null || value.compareTo(Duration.ofDays(1)) < 0) {
        throw new IllegalArgumentException(RETENTION + " must be at least 1 day, but was " + value);
      }
      this.retention = value;
      return this;
    }


    public JdbcStores build() {
      if ((url == null) == (dataSource == null)) {
        throw new IllegalStateException("give exactly one of url or dataSource");
      }
      return new JdbcStores(this);
    }
  }
}
