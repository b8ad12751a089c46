package dev.partnerflow.examples.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.testing.SettableClock;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import dev.partnerflow.examples.guide.InactivePartnerReengagement;
import dev.partnerflow.jdbc.JdbcStores;
import dev.partnerflow.steps.EmailMessage;
import dev.partnerflow.steps.StandardSteps;
import dev.partnerflow.triggers.PartnerSchedule;
import dev.partnerflow.triggers.PartnerTriggerTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The guide's fourth example (Partner Inactive, 60 days: re-engagement email and a note to the partner manager)
 * with nobody publishing anything: the scheduler reads a partners table through {@link JdbcPartnerDirectory}.
 */
class ScheduledReengagementTest {
  static final String ORG = "acme";
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final Instant START = TestWorkflowEngine.DEFAULT_START; // 2026-01-05 10:00 in Berlin

  final List<EmailMessage> sent = new CopyOnWriteArrayList<>();
  final StandardSteps steps = StandardSteps.builder().emailSender(sent::add).build();
  JdbcStores partnersDb;

  @AfterEach
  void close() {
    steps.close();
    if (partnersDb != null) {
      partnersDb.close();
    }
  }

  static DataSource h2(String name) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  static JdbcPartnerDirectory directory(DataSource ds, int partners, Instant lastActivity) throws Exception {
    JdbcPartnerDirectory dir = new JdbcPartnerDirectory(ds).createSchema();
    dir.putOrganization(ORG, ZONE);
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO partners"
        + " (organization_id, partner_id, name, contact_name, contact_email, manager_name, manager_email,"
        + " last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < partners; i++) {
        ps.setString(1, ORG);
        ps.setString(2, String.format("p-%04d", i));
        ps.setString(3, "Partner " + i);
        ps.setString(4, "Contact " + i);
        ps.setString(5, "contact" + i + "@partner.example");
        ps.setString(6, "Priya Raman");
        ps.setString(7, "priya@vendor.example");
        ps.setObject(8, OffsetDateTime.ofInstant(lastActivity, ZoneOffset.UTC));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return dir;
  }

  TestWorkflowEngine engine(JdbcPartnerDirectory dir, Consumer<WorkflowEngine.Builder> stores) {
    return TestWorkflowEngine.create(START, b -> {
      b.discoverNodeTypes(false).nodeTypes(new PartnerTriggerTypes()).nodeTypes(steps)
          .scheduledTriggers(PartnerSchedule.of(dir));
      stores.accept(b);
    });
  }

  void quietSinceDay0Advance61Days(Consumer<WorkflowEngine.Builder> stores) throws Exception {
    JdbcPartnerDirectory dir = directory(h2("partners"), 1, START);
    try (TestWorkflowEngine test = engine(dir, stores)) {
      Workflow wf = test.engine().workflows().create(ORG, InactivePartnerReengagement.workflow());
      test.engine().workflows().activate(ORG, wf.id());

      test.advance(Duration.ofDays(61));

      assertThat(sent).extracting(EmailMessage::subject).containsExactly("We miss you, Partner 0",
          "Schedule a call with Partner 0");
      assertThat(sent.get(0).to()).containsExactly("contact0@partner.example");
      assertThat(sent.get(1).to()).containsExactly("priya@vendor.example");
      assertThat(sent.get(0).text().orElseThrow()).contains("It has been 60 days");
    }
  }

  @Test
  void guide_example_4_on_the_in_memory_store() throws Exception {
    quietSinceDay0Advance61Days(b -> { });
  }

  @Test
  void guide_example_4_on_h2() throws Exception {
    quietSinceDay0Advance61Days(b -> b.storeUrl("jdbc:h2:mem:pf-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
  }

  /** Two engines on one PostgreSQL database, both scanning: each quiet partner gets exactly one run. */
  @Test
  void guide_example_4_with_two_engines_on_one_postgresql_database() throws Exception {
    String url = System.getenv("PARTNERFLOW_TEST_POSTGRES_URL");
    Assumptions.assumeTrue(url != null && !url.isBlank(), "PARTNERFLOW_TEST_POSTGRES_URL is not set");
    String schema = "pf_sched_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    try {
      partnersDb = JdbcStores.builder().url(schemaUrl).poolSize(8).build();
      int partners = 40;
      JdbcPartnerDirectory dir = directory(partnersDb.dataSource(), partners, START.minus(Duration.ofDays(60)));
      SettableClock clock = new SettableClock(START);
      try (WorkflowEngine a = twoEngineMember(schemaUrl, dir, clock, "engine-a");
          WorkflowEngine b = twoEngineMember(schemaUrl, dir, clock, "engine-b")) {
        Workflow wf = a.workflows().create(ORG, InactivePartnerReengagement.workflow());
        a.workflows().activate(ORG, wf.id());
        a.start();
        b.start();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sent.size() < 2 * partners && System.nanoTime() < deadline) {
          Thread.onSpinWait();
          java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        // a day later both engines scan again (one of them claims it): nothing new fires
        clock.advance(Duration.ofDays(1));
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(800).toNanos());

        assertThat(sent).hasSize(2 * partners);
        assertThat(sent).filteredOn(m -> m.subject().startsWith("We miss you")).extracting(m -> m.to().get(0))
            .doesNotHaveDuplicates().hasSize(partners);
        assertThat(a.runs(ORG, wf.id(), dev.partnerflow.core.store.RunQuery.all()).total()).isEqualTo(partners);
      }
    } finally {
      try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  WorkflowEngine twoEngineMember(String url, JdbcPartnerDirectory dir, SettableClock clock, String owner) {
    return WorkflowEngine.builder().storeUrl(url).clock(clock).owner(owner).pollInterval(Duration.ofMillis(50))
        .discoverNodeTypes(false).nodeTypes(new PartnerTriggerTypes()).nodeTypes(steps)
        .scheduledTriggers(PartnerSchedule.of(dir)).build();
  }
}
