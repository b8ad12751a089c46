package dev.partnerflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.jdbc.internal.Migrator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Schema migrations racing, and the StoreProvider found by the engine. */
class MigrationAndProviderTest {

  /** Two threads migrate one empty database at once: the scripts are applied once. */
  static void migrationsRacingFromTwoThreadsApplyOnce(DataSource ds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return JdbcStores.migrate(ds);
        }));
      }
      start.countDown();
      int applied = 0;
      for (Future<Integer> f : results) {
        applied += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(applied).as("each script once").isEqualTo(Migrator.SCRIPTS.size());
      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pf_schema_version")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(Migrator.SCRIPTS.size());
      }
      assertThat(JdbcStores.migrate(ds)).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void two_migrations_racing_on_h2_apply_the_scripts_once() throws Exception {
    for (int round = 0; round < 5; round++) {
      try (JdbcStores stores = JdbcStores.builder().url(TestDatabases.h2Mem()).migrate(false).build()) {
        migrationsRacingFromTwoThreadsApplyOnce(stores.dataSource());
      }
    }
  }

  @Test
  void the_engine_finds_the_jdbc_stores_by_url_and_closes_the_pool_it_opened() {
    String url = TestDatabases.h2Mem() + ";DB_CLOSE_DELAY=-1";
    try (WorkflowEngine engine = WorkflowEngine.builder().storeUrl(url).build()) {
      engine.workflows().create("acme", Workflow.builder("acme", "Welcome").id("welcome")
          .trigger("partner_created").build());
    }
    try (WorkflowEngine engine = WorkflowEngine.builder().storeUrl(url).build()) {
      assertThat(engine.workflows().get("acme", "welcome").name()).isEqualTo("Welcome");
    }
  }

  @Test
  void a_host_data_source_is_used_as_given_and_left_open() throws Exception {
    try (JdbcStores host = JdbcStores.builder().url(TestDatabases.h2Mem()).migrate(false).build()) {
      DataSource ds = host.dataSource();
      try (WorkflowEngine engine = WorkflowEngine.builder().dataSource(ds).build()) {
        engine.workflows().create("acme", Workflow.builder("acme", "Welcome").id("welcome")
            .trigger("partner_created").build());
      }
      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pf_workflows")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void schema_migrate_false_leaves_the_schema_to_the_host() {
    try (JdbcStores host = JdbcStores.builder().url(TestDatabases.h2Mem()).migrate(false).build()) {
      assertThatThrownBy(() -> WorkflowEngine.builder().dataSource(host.dataSource())
          .storeProperty(JdbcStores.SCHEMA_MIGRATE, "false").build()
          .workflows().get("acme", "nope")).hasMessageContaining("PF_WORKFLOWS");
    }
  }

  @Test
  void an_unknown_store_property_is_refused() {
    assertThatThrownBy(() -> JdbcStores.fromProperties(Map.of("pool.sise", "4")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool.sise");
  }
}
