package dev.partnerflow.web;

import dev.partnerflow.core.engine.NotFoundException;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.export.ExportStreams;
import dev.partnerflow.core.export.SseSink;
import dev.partnerflow.core.export.StreamScheduler;
import dev.partnerflow.core.pickers.Caller;
import dev.partnerflow.core.pickers.PickerSourceException;
import dev.partnerflow.core.pickers.PickersService;
import dev.partnerflow.core.pickers.UnauthenticatedException;
import dev.partnerflow.web.internal.Action;
import dev.partnerflow.web.internal.Csrf;
import dev.partnerflow.web.internal.Dashboard;
import dev.partnerflow.web.internal.Exchange;
import dev.partnerflow.web.internal.Exchange.BadRequest;
import dev.partnerflow.web.internal.Exchange.Forbidden;
import dev.partnerflow.web.internal.HttpJson;
import dev.partnerflow.web.internal.Pages;
import dev.partnerflow.web.internal.QueryString;
import dev.partnerflow.web.internal.Router;
import dev.partnerflow.web.internal.RunStreams;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Partnerflow answers over HTTP, independent of any HTTP server: the workflow pickers, the PPTX export
 * stream and the workflows dashboard. Mount it with {@link JdkHttpServerAdapter#mount} or {@link PartnerflowServlet};
 * paths below are relative to where it is mounted.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><td>{@code GET} {@value #SPECIALIZATIONS_PATH}</td><td>JSON array of specializations (with pickers)</td></tr>
 *   <tr><td>{@code GET} {@value #TRAININGS_PATH}</td><td>JSON array of training modules (with pickers)</td></tr>
 *   <tr><td>{@code GET} {@value #TRAINING_TAGS_PATH}</td><td>JSON array of strings (with pickers)</td></tr>
 *   <tr><td>{@code GET} {@value #EXPORT_STREAM_PATH}{@code ?lessonId=<uuid>[&cacheKey=<key>]}</td>
 *       <td>{@code text/event-stream} (with export streams)</td></tr>
 *   <tr><td>{@code GET /}, {@code /workflows/{id}}, {@code /runs/{id}}, ...</td>
 *       <td>the dashboard (with an engine); see the README section "The workflows dashboard"</td></tr>
 * </table>
 *
 * <p>Every endpoint requires an authenticated caller ({@code 401} otherwise) and answers for the caller's active
 * organization only: another organization's workflow or run is {@code 404}. JSON errors are
 * {@code {"error":<code>,"message":<sentence>}}: {@code 400 bad_request}, {@code 403 forbidden},
 * {@code 404 not_found}, {@code 405 method_not_allowed} (with {@code Allow}), {@code 500 internal_error} (details
 * only in the log). The dashboard's pages answer the same statuses as HTML. State-changing dashboard requests are
 * {@code POST} forms carrying a CSRF token bound to the caller; {@link Builder#readOnly(boolean)} refuses them all.
 *
 * <pre>{@code
 * PartnerflowHttpHandler handler = PartnerflowHttpHandler.builder()
 *     .authenticator(request -> sessions.callerOf(request))
 *     .pickers(pickersService)
 *     .exportStreams(exportStreams)
 *     .dashboard(engine)
 *     .generator(draftGenerator)   // optional: the "Generate with AI" box
 *     .build();
 * JdkHttpServerAdapter.mount(server, "/partnerflow", handler);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PartnerflowHttpHandler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PartnerflowHttpHandler.class);

  public static final String SPECIALIZATIONS_PATH = "/api/workflow-pickers/specializations";
  public static final String TRAININGS_PATH = "/api/workflow-pickers/trainings";
  public static final String TRAINING_TAGS_PATH = "/api/workflow-pickers/training-tags";
  public static final String EXPORT_STREAM_PATH = "/api/exports/pptx/stream";
  /** The longest accepted {@code cacheKey}: 200 characters. */
  public static final int MAX_CACHE_KEY_LENGTH = 200;

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Authenticator authenticator;
  private final PickersService pickers;
  private final ExportStreams exportStreams;
  private final Router<Action> router = new Router<>();
  private final boolean htmlErrors;
  private final RunStreams runStreams;
  private final StreamScheduler ownedScheduler;

  private PartnerflowHttpHandler(Builder b) {
    this.authenticator = b.authenticator;
    this.pickers = b.pickers;
    this.exportStreams = b.exportStreams;
    if (pickers != null) {
      router.add("GET", SPECIALIZATIONS_PATH,
          x -> x.json(200, HttpJson.specializations(pickers.specializations(caller(x.request())))));
      router.add("GET", TRAININGS_PATH,
          x -> x.json(200, HttpJson.trainings(pickers.trainings(caller(x.request())))));
      router.add("GET", TRAINING_TAGS_PATH, x -> x.json(200, pickers.trainingTags(caller(x.request()))));
    }
    if (exportStreams != null) {
      router.add("GET", EXPORT_STREAM_PATH, this::exportStream);
    }
    if (b.engine != null) {
      this.ownedScheduler = b.scheduler == null ? StreamScheduler.threads(1) : null;
      this.runStreams = new RunStreams(b.engine, b.scheduler == null ? ownedScheduler : b.scheduler);
      byte[] secret = b.csrfSecret;
      if (secret == null) {
        secret = new byte[32];
        new SecureRandom().nextBytes(secret);
      }
      new Dashboard(b.engine, this::requireCaller, new Csrf(secret), b.readOnly, runStreams,
          b.generator).register(router);
      this.htmlErrors = true;
    } else {
      this.ownedScheduler = null;
      this.runStreams = null;
      this.htmlErrors = false;
    }
  }

  /** Starts a builder: an authenticator and at least one of pickers, export streams and dashboard are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code path} (relative to the mount point) is one of this handler's endpoints, whatever the method. */
  public boolean handles(String path) {
    return router.knows(path);
  }

  /**
   * Answers one request. A stream (export, live run) returns once its first comment is written and then writes to
   * and finally closes the response body from a scheduler thread.
   *
   * @throws IOException if writing the response failed (the client went away)
   */
  public void handle(HttpRequestView request, HttpResponseSink response) throws IOException {
    String path = request.path();
    Router.Match<Action> match = router.match(request.method(), path);
    Exchange x = new Exchange(request, response, match.params());
    if (!match.found()) {
      if (match.pathKnown()) {
        response.header("Allow", String.join(", ", match.allowed()));
        error(x, 405, "method_not_allowed", path + " only answers " + String.join(", ", match.allowed())
            + ", but the method was " + QueryString.shown(request.method()));
      } else {
        error(x, 404, "not_found", "no endpoint at " + QueryString.shown(path));
      }
      return;
    }
    try {
      match.action().run(x);
    } catch (UnauthenticatedException e) {
      response.header("WWW-Authenticate", "Bearer");
      error(x, 401, "unauthenticated", e.getMessage());
    } catch (BadRequest e) {
      error(x, 400, "bad_request", e.getMessage());
    } catch (Forbidden e) {
      error(x, 403, "forbidden", e.getMessage());
    } catch (NotFoundException e) {
      // the same answer whether it does not exist or belongs to another organization
      error(x, 404, "not_found", "no " + e.kind() + " '" + QueryString.shown(e.id()) + "'");
    } catch (PickerSourceException e) {
      log.error("Picker request {} failed because the host's {} source failed for organization '{}'", path,
          e.source(), e.organizationId(), e.getCause());
      error(x, 500, "internal_error", "the " + e.source() + " source failed; see the server log");
    } catch (RuntimeException e) {
      log.error("Request {} {} failed", request.method(), path, e);
      error(x, 500, "internal_error", "the request failed; see the server log");
    }
  }

  /** Stops the live run streams' scheduler, when this handler built it. */
  @Override
  public void close() {
    if (runStreams != null) {
      runStreams.close();
    }
    if (ownedScheduler != null) {
      ownedScheduler.close();
    }
  }

  private Optional<Caller> caller(HttpRequestView request) {
    return authenticator.authenticate(request);
  }

  private Caller requireCaller(HttpRequestView request) {
    return caller(request).orElseThrow(() -> new UnauthenticatedException(
        "this page requires an authenticated caller; did the request carry credentials?"));
  }

  private void error(Exchange x, int status, String code, String message) throws IOException {
    if (htmlErrors && !x.request().path().startsWith("/api/")) {
      x.html(status, Pages.error(x.base(), status, message));
    } else {
      x.json(status, HttpJson.error(code, message));
    }
  }

  private void exportStream(Exchange x) throws IOException {
    Caller who = caller(x.request()).orElseThrow(() -> new UnauthenticatedException(
        "the export stream requires an authenticated caller; did the request carry credentials?"));
    String lessonText = single(x, "lessonId")
        .orElseThrow(() -> new BadRequest("lessonId is required (a UUID query parameter), but was missing"));
    if (!UUID_TEXT.matcher(lessonText).matches()) {
      throw new BadRequest("lessonId must be a UUID, but was '" + QueryString.shown(lessonText) + "'");
    }
    UUID lessonId = UUID.fromString(lessonText);
    Optional<String> cacheKey = single(x, "cacheKey").filter(k -> !k.isEmpty());
    if (cacheKey.isPresent() && cacheKey.get().length() > MAX_CACHE_KEY_LENGTH) {
      throw new BadRequest("cacheKey must be at most " + MAX_CACHE_KEY_LENGTH + " characters, but was "
          + cacheKey.get().length() + " characters");
    }
    OutputStream body = x.eventStream();
    try {
      exportStreams.open(who.activeOrganizationId(), lessonId, cacheKey, SseSink.of(body));
    } catch (RuntimeException e) {
      // The status line is already sent, so no JSON error is possible: end the stream; the client sees it close.
      log.error("Could not open the export stream for lesson {}; is ExportStreams closed?", lessonId, e);
      body.close();
    }
  }

  private static Optional<String> single(Exchange x, String name) {
    List<String> values = x.queryAll().get(name);
    if (values == null) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new BadRequest(name + " must be given once, but was given " + values.size() + " times");
    }
    return Optional.of(values.get(0));
  }

  /** Builder of {@link PartnerflowHttpHandler}. */
  public static final class Builder {
    private Authenticator authenticator;
    private PickersService pickers;
    private ExportStreams exportStreams;
    private WorkflowEngine engine;
    private boolean readOnly;
    private byte[] csrfSecret;
    private StreamScheduler scheduler;
    private DraftGenerator generator;

    private Builder() {}

    /** Who sent a request. Required. */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator must not be null");
      return this;
    }

    /** Serves the three picker endpoints; without it they answer 404. */
    public Builder pickers(PickersService pickers) {
      this.pickers = Objects.requireNonNull(pickers, "pickers must not be null");
      return this;
    }

    /** Serves the export stream endpoint; without it it answers 404. */
    public Builder exportStreams(ExportStreams exportStreams) {
      this.exportStreams = Objects.requireNonNull(exportStreams, "exportStreams must not be null");
      return this;
    }

    /** Serves the workflows dashboard over this engine; without it its pages answer 404. */
    public Builder dashboard(WorkflowEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine must not be null");
      return this;
    }

    /**
     * Shows the "Generate with AI" box on the dashboard's workflow list: a description goes to {@code generator},
     * the page shows the proposed graph, explanation, warnings and problems, and "Save as Draft" stores it in the
     * caller's organization (never activated). Only with {@link #dashboard}; a read-only dashboard shows no box.
     * Default: no box.
     */
    public Builder generator(DraftGenerator generator) {
      this.generator = Objects.requireNonNull(generator, "generator must not be null");
      return this;
    }

    /** When true the dashboard only shows: no row actions, no Run once, and every POST answers 403. Default false. */
    public Builder readOnly(boolean value) {
      this.readOnly = value;
      return this;
    }

    /**
     * The key of the dashboard's CSRF tokens, at least 16 bytes. Default: 32 random bytes per handler, so forms
     * rendered before a restart are refused after it; give every instance behind one load balancer the same key.
     */
    public Builder csrfSecret(byte[] value) {
      Objects.requireNonNull(value, "csrfSecret must not be null");
      if (value.length < 16) {
        throw new IllegalArgumentException("csrfSecret must be at least 16 bytes, but was " + value.length);
      }
      this.csrfSecret = value.clone();
      return this;
    }

    /**
     * The scheduler of the live run streams (a poll every {@code 500 ms} per open run panel). Default: one daemon
     * thread, stopped by {@link PartnerflowHttpHandler#close()}; a given scheduler is not closed.
     */
    public Builder streamScheduler(StreamScheduler value) {
      this.scheduler = Objects.requireNonNull(value, "streamScheduler must not be null");
      return this;
    }

    /**
     * Builds the handler.
     *
     * @throws IllegalStateException if the authenticator is missing, nothing is to be served, or a generator is given
     *     without a dashboard
     */
    public PartnerflowHttpHandler build() {
      if (authenticator == null) {
        throw new IllegalStateException("PartnerflowHttpHandler needs an authenticator, but authenticator(...) was"
            + " not called");
      }
      if (pickers == null && exportStreams == null && engine == null) {
        throw new IllegalStateException("PartnerflowHttpHandler serves nothing: call pickers(...),"
            + " exportStreams(...), dashboard(...) or several");
      }
      if (generator != null && engine == null) {
        throw new IllegalStateException("generator(...) shows the \"Generate with AI\" box on the dashboard, but"
            + " dashboard(engine) was not called");
      }
      return new PartnerflowHttpHandler(this);
    }
  }
}
