package dev.partnerflow.examples.server;

import com.sun.net.httpserver.HttpServer;
import dev.partnerflow.core.export.ExportStatusPoller;
import dev.partnerflow.core.export.ExportStreams;
import dev.partnerflow.core.export.StreamScheduler;
import dev.partnerflow.core.http.Authenticator;
import dev.partnerflow.core.http.PartnerflowHttpHandler;
import dev.partnerflow.core.pickers.PickersService;
import dev.partnerflow.core.pickers.SpecializationSource;
import dev.partnerflow.core.pickers.TrainingSource;
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
 * The workflow picker and PPTX export stream endpoints on the JDK's HTTP server, with in-memory data
 * ({@link DemoData}), a pretend export that completes after 5 seconds ({@link DemoExportPoller}) and bearer-token
 * authentication ({@link BearerTokenAuthenticator}: {@code acme-token}, {@code globex-token}).
 *
 * <pre>{@code
 * mvn -q -pl examples -am compile exec:java -Dexec.mainClass=dev.partnerflow.examples.server.ExampleServer
 * curl -H 'Authorization: Bearer acme-token' http://127.0.0.1:8080/api/workflow-pickers/trainings
 * }</pre>
 *
 * <p>Tests start it on port 0 with a {@code ManualStreamScheduler} and its clock, and drive time by hand.
 */
public final class ExampleServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExampleServer.class);
  /** The port {@link #main} listens on unless given one: 8080. */
  public static final int DEFAULT_PORT = 8080;

  private final HttpServer server;
  private final ExecutorService requestThreads;
  private final ExportStreams exportStreams;
  private final StreamScheduler scheduler;
  private final boolean ownsScheduler;

  private ExampleServer(Builder b) throws IOException {
    this.ownsScheduler = b.scheduler == null;
    this.scheduler = ownsScheduler ? StreamScheduler.threads(ExportStreams.DEFAULT_SCHEDULER_THREADS) : b.scheduler;
    ExportStatusPoller poller = b.poller != null ? b.poller
        : new DemoExportPoller(b.clock, DemoExportPoller.DEFAULT_READY_AFTER);
    this.exportStreams = ExportStreams.builder().poller(poller).scheduler(scheduler).clock(b.clock).build();
    PartnerflowHttpHandler handler = PartnerflowHttpHandler.builder()
        .authenticator(b.authenticator)
        .pickers(PickersService.builder().specializations(b.specializations).trainings(b.trainings).build())
        .exportStreams(exportStreams)
        .build();
    this.server = HttpServer.create(new InetSocketAddress(b.host, b.port), 0);
    server.createContext("/", new JdkHttpServerAdapter(handler));
    this.requestThreads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "example-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(requestThreads);
    server.start();
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

  /** The streams behind the export endpoint, for their {@link ExportStreams#openStreamCount()}. */
  public ExportStreams exportStreams() {
    return exportStreams;
  }

  /** Cancels open streams and stops the server. */
  @Override
  public void close() {
    exportStreams.close();
    server.stop(0);
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
    private StreamScheduler scheduler;
    private ExportStatusPoller poller;
    private Authenticator authenticator = new BearerTokenAuthenticator(BearerTokenAuthenticator.DEMO_TOKENS);
    private SpecializationSource specializations = DemoData.specializations();
    private TrainingSource trainings = DemoData.trainings();

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
