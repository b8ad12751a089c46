package dev.partnerflow.examples.server;

import com.sun.net.httpserver.HttpServer;
import dev.partnerflow.core.export.ExportStatusPoller;
import dev.partnerflow.core.export.ExportStreams;
import dev.partnerflow.core.export.StreamScheduler;
import dev.partnerflow.core.pickers.PickersService;
import dev.partnerflow.core.pickers.SpecializationSource;
import dev.partnerflow.core.pickers.TrainingSource;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.generator.Generation;
import dev.partnerflow.generator.GenerationRequest;
import dev.partnerflow.generator.WorkflowGenerator;
import dev.partnerflow.web.Authenticator;
import dev.partnerflow.web.DraftGenerator;
import dev.partnerflow.web.DraftProposal;
import dev.partnerflow.web.JdkHttpServerAdapter;
import dev.partnerflow.web.PartnerflowHttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow picker and PPTX export stream endpoints at the root and the workflows dashboard under
 * {@value #DASHBOARD_PREFIX}, on the JDK's HTTP server, with in-memory data ({@link DemoData}), sample workflows and
 * runs ({@link DemoWorkflows}), a pretend export that completes after 5 seconds ({@link DemoExportPoller}), the
 * "Generate with AI" box over the rule-based generator, and token authentication ({@link BearerTokenAuthenticator}:
 * {@code acme-token}, {@code globex-token}, as a bearer header or as the cookie {@value #LOGIN_PATH} sets).
 *
 * <pre>{@code
 * mvn -q -pl examples -am compile exec:java -Dexec.mainClass=dev.partnerflow.examples.server.ExampleServer
 * curl -H 'Authorization: Bearer acme-token' http://127.0.0.1:8080/api/workflow-pickers/trainings
 * open http://127.0.0.1:8080/demo-login?as=acme        # then the dashboard at /partnerflow/
 * }</pre>
 *
 * <p>Tests start it on port 0 with a {@code ManualStreamScheduler} and its clock, and drive time by hand.
 */
public final class ExampleServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExampleServer.class);
  /** The port {@link #main} listens on unless given one: 8080. */
  public static final int DEFAULT_PORT = 8080;
  /** Where the dashboard is mounted. */
  public static final String DASHBOARD_PREFIX = "/partnerflow";
  /** Demo sign-in for browsers: {@code ?as=acme} or {@code ?as=globex} sets the token cookie. */
  public static final String LOGIN_PATH = "/demo-login";

  private final HttpServer server;
  private final ExecutorService requestThreads;
  private final ExportStreams exportStreams;
  private final StreamScheduler scheduler;
  private final boolean ownsScheduler;
  private final DemoWorkflows demo;
  private final PartnerflowHttpHandler dashboard;

  private ExampleServer(Builder b) throws IOException {
    this.ownsScheduler = b.scheduler == null;
    this.scheduler = ownsScheduler ? StreamScheduler.threads(ExportStreams.DEFAULT_SCHEDULER_THREADS) : b.scheduler;
    ExportStatusPoller poller = b.poller != null ? b.poller
        : new DemoExportPoller(b.clock, DemoExportPoller.DEFAULT_READY_AFTER);
    this.exportStreams = ExportStreams.builder().poller(poller).scheduler(scheduler).clock(b.clock).build();
    PartnerflowHttpHandler api = PartnerflowHttpHandler.builder()
        .authenticator(b.authenticator)
        .pickers(PickersService.builder().specializations(b.specializations).trainings(b.trainings).build())
        .exportStreams(exportStreams)
        .build();
    this.demo = new DemoWorkflows(b.engineClock).seed();
    this.dashboard = PartnerflowHttpHandler.builder().authenticator(b.authenticator).dashboard(demo.engine())
        .generator(ruleBasedGenerator(demo.engine())).readOnly(b.readOnly).build();
    this.server = HttpServer.create(new InetSocketAddress(b.host, b.port), 0);
    JdkHttpServerAdapter.mount(server, "/", api);
    JdkHttpServerAdapter.mount(server, DASHBOARD_PREFIX, dashboard);
    server.createContext(LOGIN_PATH, ExampleServer::demoLogin);
    this.requestThreads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "example-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(requestThreads);
    server.start();
  }

  /**
   * The dashboard's "Generate with AI" box over the offline rule-based generator (no model, no network), validated
   * the way activation validates.
   */
  static DraftGenerator ruleBasedGenerator(WorkflowEngine engine) {
    WorkflowGenerator generator = WorkflowGenerator.ruleBased(engine.registry()).validator(engine.validator()).build();
    return (description, caller) -> {
      Generation g = generator.generate(GenerationRequest.of(description, caller.activeOrganizationId(),
          caller.userId()));
      return new DraftProposal(g.workflow(), g.explanation(), g.warnings(), g.problems());
    };
  }

  /** Starts a builder with the demo data, poller, tokens and the system clock on 127.0.0.1:8080. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs the server until the JVM stops. Optional argument: the port. */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
    ExampleServer server = builder().port(port).start();
    log.info("Partnerflow example server on {} — try: curl -H 'Authorization: Bearer {}' {}{}", server.baseUri(),
        BearerTokenAuthenticator.ACME_TOKEN, server.baseUri(), PartnerflowHttpHandler.TRAININGS_PATH);
    log.info("Dashboard: open {}{}?as=acme (or ?as=globex) in a browser; it signs you in and opens {}{}/",
        server.baseUri(), LOGIN_PATH, server.baseUri(), DASHBOARD_PREFIX);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port}, without a trailing slash. */
  public URI baseUri() {
    return URI.create("http://" + server.getAddress().getHostString() + ":" + port());
  }

  /** {@code http://host:port/partnerflow/}: the dashboard. */
  public URI dashboardUri() {
    return URI.create(baseUri() + DASHBOARD_PREFIX + "/");
  }

  /** The seeded engine and its sample workflows and runs. */
  public DemoWorkflows demo() {
    return demo;
  }

  /** Sets the demo token cookie for {@code ?as=acme|globex} and redirects to the dashboard. */
  private static void demoLogin(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    String query = String.valueOf(exchange.getRequestURI().getQuery());
    String token = query.contains("as=globex") ? BearerTokenAuthenticator.GLOBEX_TOKEN
        : BearerTokenAuthenticator.ACME_TOKEN;
    exchange.getResponseHeaders().add("Set-Cookie", BearerTokenAuthenticator.COOKIE + "=" + token
        + "; Path=/; HttpOnly; SameSite=Lax");
    exchange.getResponseHeaders().add("Location", DASHBOARD_PREFIX + "/");
    exchange.sendResponseHeaders(303, -1);
    exchange.close();
  }

  /** The streams behind the export endpoint, for their {@link ExportStreams#openStreamCount()}. */
  public ExportStreams exportStreams() {
    return exportStreams;
  }

  /** Cancels open streams and stops the server. */
  @Override
  public void close() {
    exportStreams.close();
    dashboard.close();
    server.stop(0);
    demo.close();
    requestThreads.shutdownNow();
    if (ownsScheduler) {
      scheduler.close();
    }
  }

  /** Builder of {@link ExampleServer}; every part defaults to the demo one. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private Clock clock = Clock.systemUTC();
    private Clock engineClock = Clock.systemUTC();
    private StreamScheduler scheduler;
    private ExportStatusPoller poller;
    private Authenticator authenticator = new BearerTokenAuthenticator(BearerTokenAuthenticator.DEMO_TOKENS);
    private SpecializationSource specializations = DemoData.specializations();
    private TrainingSource trainings = DemoData.trainings();
    private boolean readOnly;

    private Builder() {}

    /** Address to bind. Default {@code 127.0.0.1}. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host must not be null");
      return this;
    }

    /** Port to bind, 0 for any free port. Default {@value ExampleServer#DEFAULT_PORT}. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
      }
      this.port = port;
      return this;
    }

    /** Clock of the streams and the demo poller. Default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Clock of the demo engine: its delays wake when it passes their time. Default {@link Clock#systemUTC()}; tests
     * give a {@code SettableClock} and move it to let a waiting run go on.
     */
    public Builder engineClock(Clock clock) {
      this.engineClock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /** Scheduler of the streams. Default: 2 threads, closed with the server; a given one is not closed. */
    public Builder scheduler(StreamScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
      return this;
    }

    /** Export status poller. Default: a {@link DemoExportPoller} on the builder's clock. */
    public Builder poller(ExportStatusPoller poller) {
      this.poller = Objects.requireNonNull(poller, "poller must not be null");
      return this;
    }

    /** Authenticator. Default: {@link BearerTokenAuthenticator} with the demo tokens. */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator must not be null");
      return this;
    }

    /** Specializations. Default: {@link DemoData#specializations()}. */
    public Builder specializations(SpecializationSource source) {
      this.specializations = Objects.requireNonNull(source, "source must not be null");
      return this;
    }

    /** Training modules. Default: {@link DemoData#trainings()}. */
    public Builder trainings(TrainingSource source) {
      this.trainings = Objects.requireNonNull(source, "source must not be null");
      return this;
    }

    /** Serves the dashboard read-only. Default false. */
    public Builder readOnly(boolean value) {
      this.readOnly = value;
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public ExampleServer start() {
      try {
        return new ExampleServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException("could not bind " + host + ":" + port + "; is another server on it?", e);
      }
    }
  }
}
