package dev.partnerflow.spring.boot;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.steps.SmtpEmailSender;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code partnerflow.*} settings of the auto-configured engine. Defaults are the library's own
 * ({@link WorkflowEngine}{@code .DEFAULT_*}); the engine builder checks the ranges again and names the setting.
 *
 * @since 0.1
 */
@ConfigurationProperties(prefix = "partnerflow")
@Validated
public class PartnerflowProperties {
  /** Whether to auto-configure a Partnerflow engine at all. */
  private boolean enabled = true;

  /**
   * Store URL, found through ServiceLoader ("memory:" is the in-memory store shipped in core, "jdbc:h2:..." and
   * "jdbc:postgresql:..." need partnerflow-jdbc). Wins when set; when unset the application's DataSource is used if
   * partnerflow-jdbc is on the class path and there is one, else "memory:".
   */
  @Pattern(regexp = ".*\\S.*", message = "partnerflow.store-url must not be blank when set")
  private String storeUrl;

  /** Settings of the JDBC stores (partnerflow-jdbc), on the application's DataSource or a store URL. */
  @Valid
  private final Store store = new Store();

  /** Worker threads of the engine's own pool. */
  @Min(1)
  @Max(1024)
  private int workerThreads = WorkflowEngine.DEFAULT_WORKER_THREADS;

  /** Lease of a claimed run; must exceed the step timeout by at least 500 ms. */
  @NotNull
  private Duration lease = WorkflowEngine.DEFAULT_LEASE;

  /** How often the poller looks for due delays, retries and queued runs (10 ms to 1 h). */
  @NotNull
  private Duration pollInterval = WorkflowEngine.DEFAULT_POLL_INTERVAL;

  /** Timeout of one step attempt when its node sets none (1 ms to 1 h). */
  @NotNull
  private Duration stepTimeout = WorkflowEngine.DEFAULT_STEP_TIMEOUT;

  /** How long shutdown waits for steps in flight before interrupting them and giving the runs back (0 to 1 h). */
  @NotNull
  private Duration shutdownGrace = WorkflowEngine.DEFAULT_SHUTDOWN_GRACE;

  /** Whether node type providers on the class path (triggers, steps) are added through ServiceLoader. */
  private boolean discoverNodeTypes = true;

  /** Sender of the send_email step, used when spring.mail.host is set. */
  @Valid
  private final Mail mail = new Mail();

  /** Settings of the standard steps. */
  @Valid
  private final Steps steps = new Steps();

  /** The HTTP endpoints and the workflows dashboard in a servlet web application. */
  @Valid
  private final Http http = new Http();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getStoreUrl() {
    return storeUrl;
  }

  public void setStoreUrl(String storeUrl) {
    this.storeUrl = storeUrl;
  }

  public int getWorkerThreads() {
    return workerThreads;
  }

  public void setWorkerThreads(int workerThreads) {
    this.workerThreads = workerThreads;
  }

  public Duration getLease() {
    return lease;
  }

  public void setLease(Duration lease) {
    this.lease = lease;
  }

  public Duration getPollInterval() {
    return pollInterval;
  }

  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  public Duration getStepTimeout() {
    return stepTimeout;
  }

  public void setStepTimeout(Duration stepTimeout) {
    this.stepTimeout = stepTimeout;
  }

  public Duration getShutdownGrace() {
    return shutdownGrace;
  }

  public void setShutdownGrace(Duration shutdownGrace) {
    this.shutdownGrace = shutdownGrace;
  }

  public boolean isDiscoverNodeTypes() {
    return discoverNodeTypes;
  }

  public void setDiscoverNodeTypes(boolean discoverNodeTypes) {
    this.discoverNodeTypes = discoverNodeTypes;
  }

  public Store getStore() {
    return store;
  }

  public Mail getMail() {
    return mail;
  }

  public Steps getSteps() {
    return steps;
  }

  public Http getHttp() {
    return http;
  }

  /** {@code partnerflow.store.*}: passed to the store provider as store properties. */
  public static class Store {
    /**
     * Whether the JDBC stores apply their schema scripts at start (store property "schema.migrate"); false when
     * the application's own Flyway or Liquibase runs them (dev/partnerflow/jdbc/db/{postgresql,h2}/V*.sql).
     */
    private boolean migrate = true;

    /**
     * How long finished runs and their step records are kept by the JDBC stores (store property "retention",
     * at least 1 day); unset keeps the store's default of 30 days.
     */
    private Duration retention;

    public boolean isMigrate() {
      return migrate;
    }

    public void setMigrate(boolean migrate) {
      this.migrate = migrate;
    }

    public Duration getRetention() {
      return retention;
    }

    public void setRetention(Duration retention) {
      this.retention = retention;
    }
  }

  /** {@code partnerflow.mail.*}: what Spring's {@code spring.mail.*} does not say. */
  public static class Mail {
    /** Sender address of Partnerflow emails, e.g. "Partner Team <partners@vendor.example>"; required with spring.mail.host. */
    private String from;

    /** Connection protection; default from spring.mail.properties (mail.smtp.ssl.enable → TLS, mail.smtp.starttls.enable → STARTTLS), else NONE. */
    private SmtpEmailSender.Security security;

    public String getFrom() {
      return from;
    }

    public void setFrom(String from) {
      this.from = from;
    }

    public SmtpEmailSender.Security getSecurity() {
      return security;
    }

    public void setSecurity(SmtpEmailSender.Security security) {
      this.security = security;
    }
  }

  /** {@code partnerflow.steps.*}. */
  public static class Steps {
    /** Named recipient lists usable as "list:<name>" in send_email recipients. */
    private Map<String, List<String>> distributionLists = new LinkedHashMap<>();

    /** Base URL that send_slack webhook URLs must start with (default https://hooks.slack.com/). */
    private String slackBaseUrl;

    public Map<String, List<String>> getDistributionLists() {
      return distributionLists;
    }

    public void setDistributionLists(Map<String, List<String>> distributionLists) {
      this.distributionLists = distributionLists;
    }

    public String getSlackBaseUrl() {
      return slackBaseUrl;
    }

    public void setSlackBaseUrl(String slackBaseUrl) {
      this.slackBaseUrl = slackBaseUrl;
    }
  }

  /** {@code partnerflow.http.*}. */
  public static class Http {
    /** The default of {@code partnerflow.http.dashboard-path}. */
    public static final String DEFAULT_DASHBOARD_PATH = "/partnerflow";

    /**
     * Whether to mount the picker and export stream endpoints and the workflows dashboard in the servlet web
     * application (needs partnerflow-web and an Authenticator bean).
     */
    private boolean enabled = true;

    /**
     * Where the workflows dashboard is mounted, below the servlet context path: the list page is this path plus
     * "/". Must start with "/" and must not be the root.
     */
    @NotNull
    @Pattern(regexp = "/[^*?#;\\s]*[^/*?#;\\s]/?", message = "partnerflow.http.dashboard-path must start with"
        + " '/', name a path below the root (such as /partnerflow) and contain no '*', '?', '#', ';' or blanks")
    private String dashboardPath = DEFAULT_DASHBOARD_PATH;

    /** When true the dashboard only shows: no row actions, no Run once, and every form post answers 403. */
    private boolean readOnly;

    /**
     * Key of the dashboard's CSRF tokens, at least 16 bytes (UTF-8). Give every instance behind one load balancer
     * the same one, from a secret store. Unset: a random key per instance, so a form only posts to the instance
     * that rendered it and forms rendered before a restart are refused. Never logged.
     */
    private String csrfSecret;

    public boolean isReadOnly() {
      return readOnly;
    }

    public void setReadOnly(boolean readOnly) {
      this.readOnly = readOnly;
    }

    public String getCsrfSecret() {
      return csrfSecret;
    }

    public void setCsrfSecret(String csrfSecret) {
      this.csrfSecret = csrfSecret;
    }

    /** Names the settings but never shows the CSRF secret. */
    @Override
    public String toString() {
      return "Http[enabled=" + enabled + ", dashboardPath=" + dashboardPath + ", readOnly=" + readOnly
          + ", csrfSecret=" + (csrfSecret == null ? "random per instance" : "(set, hidden)") + "]";
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getDashboardPath() {
      return dashboardPath;
    }

    public void setDashboardPath(String dashboardPath) {
      this.dashboardPath = dashboardPath;
    }

    /** {@link #getDashboardPath()} without a trailing slash: the servlet's mount point. */
    String dashboardPrefix() {
      String path = dashboardPath.strip();
      return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
  }
}
