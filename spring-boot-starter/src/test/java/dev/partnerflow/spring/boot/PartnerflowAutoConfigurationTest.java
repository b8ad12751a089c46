package dev.partnerflow.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.engine.RunListener;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.export.ExportStatus;
import dev.partnerflow.core.export.ExportStatusPoller;
import dev.partnerflow.core.export.ExportStreams;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.pickers.Caller;
import dev.partnerflow.core.pickers.PickersService;
import dev.partnerflow.core.pickers.SpecializationSource;
import dev.partnerflow.core.pickers.TrainingSource;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.testing.SettableClock;
import dev.partnerflow.core.validation.WorkflowCheck;
import dev.partnerflow.metrics.PartnerflowMetrics;
import dev.partnerflow.steps.EmailSender;
import dev.partnerflow.steps.RecordUpdate;
import dev.partnerflow.steps.RecordUpdater;
import dev.partnerflow.steps.SmtpEmailSender;
import dev.partnerflow.steps.StandardSteps;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.web.Authenticator;
import dev.partnerflow.web.HttpRequestView;
import dev.partnerflow.web.HttpResponseSink;
import dev.partnerflow.web.PartnerflowHttpHandler;
import dev.partnerflow.web.PartnerflowServlet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

/** The starter's conditions, with Spring Boot's own context runner and real Partnerflow parts. */
@ExtendWith(OutputCaptureExtension.class)
class PartnerflowAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PartnerflowMetricsAutoConfiguration.class,
          PartnerflowAutoConfiguration.class, PartnerflowHttpAutoConfiguration.class,
          PartnerflowWebMvcAutoConfiguration.class));

  /** A directory with no partners: enough to see that the engine scans for the scheduled triggers. */
  static final class EmptyPartnerDirectory implements dev.partnerflow.triggers.PartnerDirectory {
    @Override
    public java.time.ZoneId zone(String organizationId) {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.util.List<dev.partnerflow.triggers.payload.Partner> lastActiveBetween(String organizationId,
        java.time.Instant from, java.time.Instant before, String afterPartnerId, int limit) {
      return java.util.List.of();
    }

    @Override
    public java.util.List<dev.partnerflow.triggers.payload.Partner> renewingBetween(String organizationId,
        java.time.LocalDate first, java.time.LocalDate last, String afterPartnerId, int limit) {
      return java.util.List.of();
    }
  }

  @Test
  void a_partner_directory_bean_makes_the_engine_scan_for_the_scheduled_triggers() {
    java.util.function.Function<WorkflowEngine, java.util.Optional<java.time.Instant>> scanAfterActivating = e -> {
      dev.partnerflow.core.model.Workflow wf = dev.partnerflow.core.model.Workflow.builder("acme", "Quiet partners")
          .id("quiet").trigger("partner_inactive", java.util.Map.of("days", 30)).build();
      e.workflows().activate("acme", e.workflows().create("acme", wf).id());
      java.time.Instant now = e.clock().instant();
      return e.nextWakeUp(now.minusSeconds(1), now.plus(java.time.Duration.ofDays(2)));
    };
    runner.withBean(EmptyPartnerDirectory.class, EmptyPartnerDirectory::new).run(context ->
        assertThat(scanAfterActivating.apply(context.getBean(WorkflowEngine.class))).isPresent());
    runner.run(context ->
        assertThat(scanAfterActivating.apply(context.getBean(WorkflowEngine.class))).isEmpty());
  }

  @Test
  void without_spring_mail_there_is_an_engine_and_standard_steps_but_no_smtp_sender() {
    runner.run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(WorkflowEngine.class).hasSingleBean(StandardSteps.class)
          .hasSingleBean(PartnerflowEngineLifecycle.class).doesNotHaveBean(EmailSender.class)
          .doesNotHaveBean(PartnerflowHttpHandler.class).doesNotHaveBean(PartnerflowMetrics.class);
      assertThat(context.getBean(PartnerflowEngineLifecycle.class).isRunning()).isTrue();
    });
  }

  @Test
  void spring_mail_host_and_partnerflow_mail_from_make_an_smtp_sender() {
    runner.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=2525",
            "partnerflow.mail.from=Partner Team <partners@vendor.example>")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SmtpEmailSender.class));
  }

  @Test
  void spring_mail_host_without_a_from_address_fails_naming_the_property_to_set() {
    runner.withPropertyValues("spring.mail.host=127.0.0.1").run(context -> assertThat(context).hasFailed()
        .getFailure().rootCause().hasMessageContaining("partnerflow.mail.from must be set"));
  }

  @Test
  void a_host_email_sender_wins_over_spring_mail() {
    runner.withPropertyValues("spring.mail.host=127.0.0.1", "partnerflow.mail.from=partners@vendor.example")
        .withBean(EmailSender.class, () -> message -> { })
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SmtpEmailSender.class)
            .hasSingleBean(EmailSender.class));
  }

  @Test
  void properties_are_bound_to_the_engine() {
    runner.withPropertyValues("partnerflow.worker-threads=7", "partnerflow.step-timeout=10s",
            "partnerflow.lease=1m", "partnerflow.poll-interval=250ms", "partnerflow.shutdown-grace=0s")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(WorkflowEngine.class).stats().maxConcurrentRuns()).isEqualTo(7);
          PartnerflowProperties properties = context.getBean(PartnerflowProperties.class);
          assertThat(properties.getLease()).isEqualTo(Duration.ofMinutes(1));
          assertThat(properties.getPollInterval()).isEqualTo(Duration.ofMillis(250));
        });
  }

  /** An H2 in-memory database that lives until the JVM ends, new for each test. */
  private static JdbcDataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:starter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  private static long count(DataSource ds, String sql, Object... args) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static boolean hasPartnerflowTables(DataSource ds) throws SQLException {
    return count(ds, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = 'pf_workflows'") > 0;
  }

  @Test
  void the_applications_data_source_holds_the_stores_when_partnerflow_jdbc_is_present() {
    JdbcDataSource ds = h2();
    runner.withBean(DataSource.class, () -> ds).run(context -> {
      assertThat(context).hasNotFailed();
      WorkflowEngine engine = context.getBean(WorkflowEngine.class);
      Workflow wf = engine.workflows().create("acme", Workflow.builder("acme", "Manual").trigger("manual")
          .then("wait", "delay", Map.of("duration", "PT1M")).build());
      assertThat(count(ds, "SELECT COUNT(*) FROM pf_workflows WHERE organization_id = ? AND workflow_id = ?",
          "acme", wf.id())).isEqualTo(1);
      Run run = engine.testRun("acme", wf.id()).run();
      assertThat(count(ds, "SELECT COUNT(*) FROM pf_runs WHERE run_id = ?", run.id())).isEqualTo(1);
    });
  }

  @Test
  void partnerflow_store_migrate_false_leaves_the_schema_to_the_application() throws SQLException {
    JdbcDataSource ds = h2();
    runner.withBean(DataSource.class, () -> ds)
        .withPropertyValues("partnerflow.store.migrate=false", "partnerflow.poll-interval=1h")
        .run(context -> {
          // the stores applied nothing: no Partnerflow table appeared
          assertThat(context).hasNotFailed().hasSingleBean(WorkflowEngine.class);
          assertThat(hasPartnerflowTables(ds)).isFalse();
        });
    // the application's own migration tool runs the script, as it is in the jar; then the stores work on it
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.execute("RUNSCRIPT FROM 'classpath:/dev/partnerflow/jdbc/db/h2/V1__partnerflow_schema.sql'");
    }
    runner.withBean(DataSource.class, () -> ds).withPropertyValues("partnerflow.store.migrate=false")
        .run(context -> {
          WorkflowEngine engine = context.getBean(WorkflowEngine.class);
          Workflow wf = engine.workflows().create("acme", Workflow.builder("acme", "Manual").trigger("manual")
              .then("wait", "delay", Map.of("duration", "PT1M")).build());
          assertThat(count(ds, "SELECT COUNT(*) FROM pf_workflows WHERE workflow_id = ?", wf.id())).isEqualTo(1);
          assertThat(count(ds, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
              + " WHERE LOWER(TABLE_NAME) = 'pf_schema_version'")).isZero();
        });
  }

  @Test
  void partnerflow_store_retention_reaches_the_jdbc_stores_which_check_it() {
    JdbcDataSource ds = h2();
    runner.withBean(DataSource.class, () -> ds).withPropertyValues("partnerflow.store.retention=PT1H")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("retention must be at least 1 day"));
    runner.withBean(DataSource.class, () -> ds).withPropertyValues("partnerflow.store.retention=7d")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(WorkflowEngine.class));
  }

  @Test
  void partnerflow_store_url_wins_over_the_applications_data_source() {
    JdbcDataSource ds = h2();
    runner.withBean(DataSource.class, () -> ds).withPropertyValues("partnerflow.store-url=memory:")
        .run(context -> {
          assertThat(context).hasNotFailed();
          WorkflowEngine engine = context.getBean(WorkflowEngine.class);
          engine.workflows().create("acme", Workflow.builder("acme", "Manual").trigger("manual")
              .then("wait", "delay", Map.of("duration", "PT1M")).build());
          assertThat(hasPartnerflowTables(ds)).isFalse();
        });
  }

  @Test
  void without_partnerflow_jdbc_the_data_source_is_left_alone() {
    JdbcDataSource ds = h2();
    runner.withBean(DataSource.class, () -> ds).withClassLoader(new FilteredClassLoader("dev.partnerflow.jdbc."))
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean("partnerflowDataSourceStore");
          assertThat(hasPartnerflowTables(ds)).isFalse();
        });
  }

  @Test
  void a_blank_store_url_fails_naming_the_property() {
    runner.withPropertyValues("partnerflow.store-url= ").run(context -> assertThat(context).hasFailed()
        .getFailure().hasStackTraceContaining("partnerflow.store-url"));
  }

  @Test
  void an_out_of_range_property_fails_naming_the_property_and_the_rule() {
    runner.withPropertyValues("partnerflow.worker-threads=0").run(context -> assertThat(context).hasFailed()
        .getFailure().hasStackTraceContaining("partnerflow.worker-threads")
        .hasStackTraceContaining("must be greater than or equal to 1"));
  }

  @Test
  void a_lease_shorter_than_the_step_timeout_fails_with_the_engines_explanation() {
    runner.withPropertyValues("partnerflow.step-timeout=1m", "partnerflow.lease=30s")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("lease must be at least stepTimeout"));
  }

  @Test
  void host_beans_are_picked_up_record_updater_listener_and_check() {
    runner.withUserConfiguration(HostBeans.class).run(context -> {
      assertThat(context).hasNotFailed();
      HostBeans host = context.getBean(HostBeans.class);
      WorkflowEngine engine = context.getBean(WorkflowEngine.class);
      Workflow wf = engine.workflows().create("acme", Workflow.builder("acme", "Tag partner")
          .trigger("partner_created")
          .then("crm", "update_record", Map.of("record", "partner", "fields", Map.of("stage", "Onboarding")))
          .build());
      engine.workflows().activate("acme", wf.id()); // fails with MISSING_COLLABORATOR without the RecordUpdater
      assertThat(host.checked).containsExactly(wf.id());

      List<Run> runs = engine.publish(PartnerEvents.partnerCreated("evt-1", "acme", Instant.now(),
          Partner.builder("p-1", "Northwind").build()));
      Run done = engine.awaitFinished("acme", runs.get(0).id(), Duration.ofSeconds(10));

      assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(host.updates).extracting(RecordUpdate::recordId).containsExactly("p-1");
      assertThat(host.finished.get(10, TimeUnit.SECONDS)).isEqualTo(done.id());
    });
  }

  private final WebApplicationContextRunner webRunner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PartnerflowAutoConfiguration.class,
          PartnerflowHttpAutoConfiguration.class, PartnerflowWebMvcAutoConfiguration.class));

  @Test
  void pickers_export_streams_and_an_authenticator_make_the_http_handler_mounted_as_servlets() {
    webRunner.withUserConfiguration(WebHostBeans.class).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(PickersService.class).hasSingleBean(ExportStreams.class)
          .hasSingleBean(PartnerflowHttpHandler.class);
      ServletRegistrationBean<?> api = context.getBean("partnerflowApiServlet", ServletRegistrationBean.class);
      assertThat(api.getServlet()).isInstanceOf(PartnerflowServlet.class);
      assertThat(api.getUrlMappings()).containsExactlyInAnyOrder(PartnerflowHttpHandler.SPECIALIZATIONS_PATH,
          PartnerflowHttpHandler.TRAININGS_PATH, PartnerflowHttpHandler.TRAINING_TAGS_PATH,
          PartnerflowHttpHandler.EXPORT_STREAM_PATH);
      assertThat(api.isAsyncSupported()).isTrue();
      ServletRegistrationBean<?> dashboard = context.getBean("partnerflowDashboardServlet",
          ServletRegistrationBean.class);
      assertThat(dashboard.getUrlMappings()).containsExactly("/partnerflow/*");
      assertThat(dashboard.isAsyncSupported()).isTrue();
      assertThat(context.getBean(PartnerflowHttpHandler.class).handles("/workflows/wf-1")).isTrue();
    });
  }

  @Test
  void an_authenticator_alone_serves_the_dashboard() {
    webRunner.withBean(Authenticator.class, () -> request -> Optional.of(new Caller("u-1", "acme")))
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(PickersService.class)
              .doesNotHaveBean(ExportStreams.class).hasSingleBean(PartnerflowHttpHandler.class)
              .hasBean("partnerflowDashboardServlet");
          PartnerflowHttpHandler handler = context.getBean(PartnerflowHttpHandler.class);
          assertThat(handler.handles("/")).isTrue();
          assertThat(handler.handles(PartnerflowHttpHandler.TRAININGS_PATH)).isFalse();
        });
  }

  @Test
  void partnerflow_http_dashboard_path_moves_the_dashboard() {
    webRunner.withUserConfiguration(WebHostBeans.class)
        .withPropertyValues("partnerflow.http.dashboard-path=/ops/workflows/")
        .run(context -> assertThat(context.getBean("partnerflowDashboardServlet", ServletRegistrationBean.class)
            .getUrlMappings()).containsExactly("/ops/workflows/*"));
  }

  @Test
  void a_dashboard_path_at_the_root_fails_naming_the_property() {
    for (String path : new String[] {"/", "partnerflow", "/partnerflow/*", ""}) {
      webRunner.withUserConfiguration(WebHostBeans.class)
          .withPropertyValues("partnerflow.http.dashboard-path=" + path)
          .run(context -> assertThat(context).as(path).hasFailed().getFailure()
              .hasStackTraceContaining("partnerflow.http.dashboard-path"));
    }
  }

  /** One request through the handler itself, answered into memory: status and body. */
  private static Answer call(PartnerflowHttpHandler handler, String method, String path, String form)
      throws IOException {
    Map<String, List<String>> headers = form == null ? Map.of()
        : Map.of("Content-Type", List.of("application/x-www-form-urlencoded"));
    HttpRequestView request = new HttpRequestView(method, "/partnerflow", path, null, headers,
        form == null ? null : new ByteArrayInputStream(form.getBytes(StandardCharsets.UTF_8)));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int[] status = new int[1];
    handler.handle(request, new HttpResponseSink() {
      @Override
      public void header(String name, String value) {}

      @Override
      public OutputStream start(int code, long length) {
        status[0] = code;
        return body;
      }
    });
    return new Answer(status[0], body.toString(StandardCharsets.UTF_8));
  }

  private record Answer(int status, String body) {}

  /** The CSRF token of the dashboard's list page (rendered in each row's forms, so one workflow is created). */
  private static String csrfToken(ApplicationContext context) throws IOException {
    WorkflowEngine engine = context.getBean(WorkflowEngine.class);
    engine.workflows().create("acme", Workflow.builder("acme", "Manual").trigger("manual")
        .then("wait", "delay", Map.of("duration", "PT1M")).build());
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
        .matcher(call(context.getBean(PartnerflowHttpHandler.class), "GET", "/", null).body());
    assertThat(m.find()).as("a CSRF token on the list page").isTrue();
    return m.group(1);
  }

  private static final String SHARED_SECRET = "s3cret-shared-by-every-instance-4f9a";

  @Test
  void a_shared_csrf_secret_lets_one_instance_accept_the_forms_another_rendered(CapturedOutput output) {
    String[] token = new String[1];
    webRunner.withUserConfiguration(WebHostBeans.class)
        .withPropertyValues("partnerflow.http.csrf-secret=" + SHARED_SECRET)
        .run(first -> token[0] = csrfToken(first));
    webRunner.withUserConfiguration(WebHostBeans.class)
        .withPropertyValues("partnerflow.http.csrf-secret=" + SHARED_SECRET)
        .run(second -> {
          PartnerflowHttpHandler handler = second.getBean(PartnerflowHttpHandler.class);
          // the token passes; the workflow exists only on the first instance, so the action answers 404, not 403
          assertThat(call(handler, "POST", "/workflows/wf-elsewhere/run-once", "_csrf=" + token[0]).status())
              .isEqualTo(404);
          assertThat(call(handler, "POST", "/workflows/wf-elsewhere/run-once", "_csrf=forged").status())
              .isEqualTo(403);
          assertThat(second.getBean(PartnerflowProperties.class).getHttp().toString())
              .doesNotContain(SHARED_SECRET);
        });
    assertThat(output).doesNotContain(SHARED_SECRET).doesNotContain("csrf-secret is not set");
  }

  @Test
  void without_a_csrf_secret_each_instance_has_its_own_and_says_so(CapturedOutput output) {
    String[] token = new String[1];
    webRunner.withUserConfiguration(WebHostBeans.class).run(first -> token[0] = csrfToken(first));
    webRunner.withUserConfiguration(WebHostBeans.class).run(second -> assertThat(call(
        second.getBean(PartnerflowHttpHandler.class), "POST", "/workflows/wf-elsewhere/run-once",
        "_csrf=" + token[0]).status()).isEqualTo(403));
    assertThat(output).contains("partnerflow.http.csrf-secret is not set: the dashboard's forms only post to the "
        + "instance that rendered them");
  }

  @Test
  void a_short_csrf_secret_fails_naming_the_property_but_not_the_value(CapturedOutput output) {
    webRunner.withUserConfiguration(WebHostBeans.class).withPropertyValues("partnerflow.http.csrf-secret=tooShort42")
        .run(context -> {
          assertThat(context).hasFailed().getFailure()
              .hasStackTraceContaining("partnerflow.http.csrf-secret must be at least 16 bytes");
          StringWriter trace = new StringWriter();
          context.getStartupFailure().printStackTrace(new PrintWriter(trace));
          assertThat(trace.toString()).doesNotContain("tooShort42");
        });
    assertThat(output).doesNotContain("tooShort42");
  }

  @Test
  void partnerflow_http_read_only_refuses_every_form_post() {
    webRunner.withUserConfiguration(WebHostBeans.class).withPropertyValues("partnerflow.http.read-only=true")
        .run(context -> {
          WorkflowEngine engine = context.getBean(WorkflowEngine.class);
          Workflow wf = engine.workflows().create("acme", Workflow.builder("acme", "Manual").trigger("manual")
              .then("wait", "delay", Map.of("duration", "PT1M")).build());
          PartnerflowHttpHandler handler = context.getBean(PartnerflowHttpHandler.class);
          Answer list = call(handler, "GET", "/", null);
          assertThat(list.status()).isEqualTo(200);
          assertThat(list.body()).contains("Manual").doesNotContain("name=\"_csrf\"");
          assertThat(call(handler, "POST", "/workflows/" + wf.id() + "/run-once", "_csrf=x").status())
              .isEqualTo(403);
        });
  }

  @Test
  void partnerflow_http_enabled_false_mounts_nothing() {
    webRunner.withUserConfiguration(WebHostBeans.class).withPropertyValues("partnerflow.http.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(PartnerflowHttpHandler.class)
            .doesNotHaveBean("partnerflowApiServlet").doesNotHaveBean("partnerflowDashboardServlet")
            .doesNotHaveBean(ServletRegistrationBean.class));
  }

  @Test
  void without_partnerflow_web_on_the_class_path_there_is_no_handler_and_nothing_is_mounted() {
    // the host beans include an Authenticator: only the missing classes keep the handler away
    webRunner.withClassLoader(new FilteredClassLoader("dev.partnerflow.web."))
        .withUserConfiguration(WebHostBeans.class)
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(WorkflowEngine.class)
            .hasSingleBean(PickersService.class).hasSingleBean(ExportStreams.class)
            .doesNotHaveBean("partnerflowHttpHandler").doesNotHaveBean(ServletRegistrationBean.class));
  }

  @Test
  void outside_a_web_application_the_handler_exists_but_nothing_is_mounted() {
    runner.withUserConfiguration(WebHostBeans.class).run(context -> assertThat(context).hasNotFailed()
        .hasSingleBean(PartnerflowHttpHandler.class).doesNotHaveBean(ServletRegistrationBean.class));
  }

  @Test
  void without_an_authenticator_no_http_handler_is_made() {
    webRunner.withBean(SpecializationSource.class, () -> org -> List.of())
        .withBean(TrainingSource.class, () -> org -> List.of())
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(PickersService.class)
            .doesNotHaveBean(PartnerflowHttpHandler.class).doesNotHaveBean(ServletRegistrationBean.class));
  }

  @Test
  void a_meter_registry_brings_partnerflow_metrics_bound_to_the_engine() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(PartnerflowMetrics.class);
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(registry.get(PartnerflowMetrics.RUNS_CAPACITY).gauge().value())
          .isEqualTo(WorkflowEngine.DEFAULT_WORKER_THREADS);
      WorkflowEngine engine = context.getBean(WorkflowEngine.class);
      Workflow wf = engine.workflows().create("acme", Workflow.builder("acme", "Manual").trigger("manual")
          .then("wait", "delay", Map.of("duration", "PT1M")).build());
      engine.awaitFinished("acme", engine.testRun("acme", wf.id()).run().id(), Duration.ofSeconds(10));
      assertThat(registry.get(PartnerflowMetrics.RUNS_STARTED).counter().count()).isEqualTo(1);
    });
  }

  @Test
  void the_queue_depth_gauge_counts_due_runs_in_the_applications_database() {
    JdbcDataSource ds = h2();
    SettableClock clock = new SettableClock(Instant.parse("2026-03-02T09:00:00Z"));
    CompletableFuture<Run> waiting = new CompletableFuture<>();
    // the engine's clock is moved by hand and its poller looks only once an hour, so nothing claims the run here
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withBean(DataSource.class, () -> ds)
        .withBean(PartnerflowEngineCustomizer.class, () -> builder -> builder.clock(clock))
        .withBean(RunListener.class, () -> new RunListener() {
          @Override
          public void runWaiting(Run run) {
            waiting.complete(run);
          }
        })
        .withPropertyValues("partnerflow.poll-interval=1h").run(context -> {
          assertThat(context).hasNotFailed();
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          WorkflowEngine engine = context.getBean(WorkflowEngine.class);
          Workflow wf = engine.workflows().create("acme", Workflow.builder("acme", "Manual").trigger("manual")
              .then("wait", "delay", Map.of("duration", "PT1H")).build());
          engine.workflows().activate("acme", wf.id());
          Run run = engine.startManual("acme", wf.id(), "req-1", Map.of());
          assertThat(waiting.get(10, TimeUnit.SECONDS).id()).isEqualTo(run.id());
          assertThat(registry.get(PartnerflowMetrics.RUNS_QUEUED).gauge().value()).isZero();

          clock.advance(Duration.ofHours(1));
          assertThat(registry.get(PartnerflowMetrics.RUNS_QUEUED).gauge().value()).isEqualTo(1);
          assertThat(count(ds, "SELECT COUNT(*) FROM pf_runs WHERE run_id = ?", run.id())).isEqualTo(1);
        });
  }

  @Test
  void without_the_metrics_module_no_metrics_are_registered() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withClassLoader(new FilteredClassLoader(PartnerflowMetrics.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("partnerflowMetrics"));
  }

  @Test
  void partnerflow_enabled_false_configures_nothing() {
    runner.withPropertyValues("partnerflow.enabled=false").withUserConfiguration(WebHostBeans.class)
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WorkflowEngine.class)
            .doesNotHaveBean(PartnerflowHttpHandler.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class HostBeans {
    final List<RecordUpdate> updates = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> finished = new CompletableFuture<>();
    final List<String> checked = new CopyOnWriteArrayList<>();

    @Bean
    RecordUpdater recordUpdater() {
      return update -> {
        updates.add(update);
        return Map.of();
      };
    }

    @Bean
    RunListener finishedRuns() {
      return new RunListener() {
        @Override
        public void runFinished(Run run) {
          finished.complete(run.id());
        }
      };
    }

    @Bean
    WorkflowCheck recordingCheck() {
      return (workflow, registry) -> {
        checked.add(workflow.id());
        return List.of();
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class WebHostBeans {
    @Bean
    SpecializationSource specializations() {
      return org -> List.of();
    }

    @Bean
    TrainingSource trainings() {
      return org -> List.of();
    }

    @Bean
    ExportStatusPoller exportStatusPoller() {
      return query -> ExportStatus.pending();
    }

    @Bean
    Authenticator authenticator() {
      return request -> Optional.of(new Caller("u-1", "acme"));
    }
  }
}
