package dev.partnerflow.core.http;

import dev.partnerflow.core.export.ExportStreams;
import dev.partnerflow.core.export.SseSink;
import dev.partnerflow.core.http.internal.HttpJson;
import dev.partnerflow.core.http.internal.QueryString;
import dev.partnerflow.core.pickers.Caller;
import dev.partnerflow.core.pickers.PickerSourceException;
import dev.partnerflow.core.pickers.PickersService;
import dev.partnerflow.core.pickers.UnauthenticatedException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow picker and PPTX export stream endpoints, independent of any HTTP server. A host mounts it in its
 * server through a small adapter that builds an {@link HttpRequestView} and implements {@link HttpResponseSink}
 * (the {@code examples} module has one for the JDK's {@code com.sun.net.httpserver}).
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><td>{@code GET} {@value #SPECIALIZATIONS_PATH}</td><td>JSON array of specializations</td></tr>
 *   <tr><td>{@code GET} {@value #TRAININGS_PATH}</td><td>JSON array of training modules</td></tr>
 *   <tr><td>{@code GET} {@value #TRAINING_TAGS_PATH}</td><td>JSON array of strings</td></tr>
 *   <tr><td>{@code GET} {@value #EXPORT_STREAM_PATH}{@code ?lessonId=<uuid>[&cacheKey=<key>]}</td>
 *       <td>{@code text/event-stream}</td></tr>
 * </table>
 *
 * <p>Every endpoint requires an authenticated caller ({@code 401} and {@code {"error":"unauthenticated",...}}
 * otherwise). Errors are JSON {@code {"error":<code>,"message":<sentence>}}: {@code 400 bad_request} for a missing or
 * malformed parameter (naming the parameter, the rule and the bad value), {@code 404 not_found} for another path,
 * {@code 405 method_not_allowed} for a method other than GET, {@code 500 internal_error} when a host source fails
 * (details only in the log).
 *
 * <pre>{@code
 * PartnerflowHttpHandler handler = PartnerflowHttpHandler.builder()
 *     .authenticator(request -> sessions.callerOf(request))
 *     .pickers(pickersService)
 *     .exportStreams(exportStreams)
 *     .build();
 * // in the server's request callback:
 * if (handler.handles(path)) handler.handle(requestView, responseSink);
 * }</pre>
 */
public final class PartnerflowHttpHandler {
  private static final Logger log = LoggerFactory.getLogger(PartnerflowHttpHandler.class);

  public static final String SPECIALIZATIONS_PATH = "/api/workflow-pickers/specializations";
  public static final String TRAININGS_PATH = "/api/workflow-pickers/trainings";
  public static final String TRAINING_TAGS_PATH = "/api/workflow-pickers/training-tags";
  public static final String EXPORT_STREAM_PATH = "/api/exports/pptx/stream";
  /** The longest accepted {@code cacheKey}: 200 characters. */
  public static final int MAX_CACHE_KEY_LENGTH = 200;

  private static final Set<String> PATHS =
      Set.of(SPECIALIZATIONS_PATH, TRAININGS_PATH, TRAINING_TAGS_PATH, EXPORT_STREAM_PATH);
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Authenticator authenticator;
  private final PickersService pickers;
  private final ExportStreams exportStreams;

  private PartnerflowHttpHandler(Builder b) {
    this.authenticator = b.authenticator;
    this.pickers = b.pickers;
    this.exportStreams = b.exportStreams;
  }

  /** Starts a builder: an authenticator and at least one of pickers and export streams are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code path} is one of this handler's endpoints (whatever the method). */
  public boolean handles(String path) {
    return PATHS.contains(path);
  }

  /**
   * Answers one request. For the export stream, returns once {@code : connected} is written; the stream then
   * writes to and finally closes the response body from the stream scheduler.
   *
   * @throws IOException if writing the response failed (the client went away)
   */
  public void handle(HttpRequestView request, HttpResponseSink response) throws IOException {
    String path = request.path();
    boolean pickerPath = !EXPORT_STREAM_PATH.equals(path) && PATHS.contains(path);
    if (!PATHS.contains(path) || (pickerPath && pickers == null)
        || (EXPORT_STREAM_PATH.equals(path) && exportStreams == null)) {
      sendError(response, 404, "not_found", "no endpoint at " + QueryString.shown(path));
      return;
    }
    if (!"GET".equals(request.method())) {
      response.header("Allow", "GET");
      sendError(response, 405, "method_not_allowed",
          path + " only answers GET, but the method was " + QueryString.shown(request.method()));
      return;
    }
    try {
      Optional<Caller> caller = authenticator.authenticate(request);
      if (EXPORT_STREAM_PATH.equals(path)) {
        stream(request, caller, response);
      } else {
        sendJson(response, 200, pickerBody(path, caller));
      }
    } catch (UnauthenticatedException e) {
      response.header("WWW-Authenticate", "Bearer");
      sendError(response, 401, "unauthenticated", e.getMessage());
    } catch (BadRequest e) {
      sendError(response, 400, "bad_request", e.getMessage());
    } catch (PickerSourceException e) {
      log.error("Picker request {} failed because the host's {} source failed for organization '{}'", path,
          e.source(), e.organizationId(), e.getCause());
      sendError(response, 500, "internal_error", "the " + e.source() + " source failed; see the server log");
    } catch (RuntimeException e) {
      log.error("Request {} failed", path, e);
      sendError(response, 500, "internal_error", "the request failed; see the server log");
    }
  }

  private Object pickerBody(String path, Optional<Caller> caller) {
    return switch (path) {
      case SPECIALIZATIONS_PATH -> HttpJson.specializations(pickers.specializations(caller));
      case TRAININGS_PATH -> HttpJson.trainings(pickers.trainings(caller));
      case TRAINING_TAGS_PATH -> pickers.trainingTags(caller);
      default -> throw new IllegalStateException("unexpected path " + path);
    };
  }

  private void stream(HttpRequestView request, Optional<Caller> caller, HttpResponseSink response)
      throws IOException {
    Caller who = caller.orElseThrow(() -> new UnauthenticatedException(
        "the export stream requires an authenticated caller; did the request carry credentials?"));
    Map<String, List<String>> params;
    try {
      params = QueryString.parse(request.rawQuery());
    } catch (IllegalArgumentException e) {
      throw new BadRequest("the query string must be valid percent-encoding, but was '"
          + QueryString.shown(String.valueOf(request.rawQuery())) + "'");
    }
    String lessonText = single(params, "lessonId")
        .orElseThrow(() -> new BadRequest("lessonId is required (a UUID query parameter), but was missing"));
    if (!UUID_TEXT.matcher(lessonText).matches()) {
      throw new BadRequest("lessonId must be a UUID, but was '" + QueryString.shown(lessonText) + "'");
    }
    UUID lessonId = UUID.fromString(lessonText);
    Optional<String> cacheKey = single(params, "cacheKey").filter(k -> !k.isEmpty());
    if (cacheKey.isPresent() && cacheKey.get().length() > MAX_CACHE_KEY_LENGTH) {
      throw new BadRequest("cacheKey must be at most " + MAX_CACHE_KEY_LENGTH + " characters, but was "
          + cacheKey.get().length() + " characters");
    }
    response.header("Content-Type", "text/event-stream");
    response.header("Cache-Control", "no-cache");
    response.header("X-Accel-Buffering", "no");
    OutputStream body = response.start(200, HttpResponseSink.UNKNOWN_LENGTH);
    try {
      exportStreams.open(who.activeOrganizationId(), lessonId, cacheKey, SseSink.of(body));
    } catch (RuntimeException e) {
      // The status line is already sent, so no JSON error is possible: end the stream; the client sees it close.
      log.error("Could not open the export stream for lesson {}; is ExportStreams closed?", lessonId, e);
      body.close();
    }
  }

  private static Optional<String> single(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    if (values == null) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new BadRequest(name + " must be given once, but was given " + values.size() + " times");
    }
    return Optional.of(values.get(0));
  }

  private static void sendError(HttpResponseSink response, int status, String code, String message)
      throws IOException {
    sendJson(response, status, HttpJson.error(code, message));
  }

  private static void sendJson(HttpResponseSink response, int status, Object body) throws IOException {
    byte[] bytes = HttpJson.bytes(body);
    response.header("Content-Type", "application/json");
    response.header("Cache-Control", "no-store");
    response.header("X-Content-Type-Options", "nosniff");
    try (OutputStream out = response.start(status, bytes.length)) {
      out.write(bytes);
    }
  }

  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  /** Builder of {@link PartnerflowHttpHandler}. */
  public static final class Builder {
    private Authenticator authenticator;
    private PickersService pickers;
    private ExportStreams exportStreams;

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

    /**
     * Builds the handler.
     *
     * @throws IllegalStateException if the authenticator is missing, or neither pickers nor export streams is set
     */
    public PartnerflowHttpHandler build() {
      if (authenticator == null) {
        throw new IllegalStateException("PartnerflowHttpHandler needs an authenticator, but authenticator(...) was"
            + " not called");
      }
      if (pickers == null && exportStreams == null) {
        throw new IllegalStateException("PartnerflowHttpHandler serves nothing: call pickers(...),"
            + " exportStreams(...) or both");
      }
      return new PartnerflowHttpHandler(this);
    }
  }
}
