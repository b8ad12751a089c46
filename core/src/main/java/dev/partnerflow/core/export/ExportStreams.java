package dev.partnerflow.core.export;

import dev.partnerflow.core.export.internal.DefaultExportStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a host's {@link ExportStatusPoller} into the PPTX export progress stream (Server-Sent Events):
 *
 * <ol>
 *   <li>{@code : connected} as soon as the stream opens;
 *   <li>a poll right away and then every {@link #DEFAULT_POLL_INTERVAL} (1.5 s);
 *   <li>a {@code :hb} comment every {@link #DEFAULT_HEARTBEAT_INTERVAL} (15 s);
 *   <li>{@code event: completed} with {@code {"url":...,"costCents":...,"model":...}} when the awaited export is
 *       ready, then close;
 *   <li>{@code event: error} with {@code {"message":...}} when the poller reports a failure, when it threw
 *       {@link #DEFAULT_MAX_CONSECUTIVE_POLL_FAILURES} times in a row, or after {@link #DEFAULT_TIMEOUT} (5 min),
 *       then close.
 * </ol>
 *
 * <p>The awaited export: with a cache key, a {@link ExportStatus.Completed} whose cache key equals it (however old);
 * without one, a <em>fresh</em> export: one whose {@code completedAt} is at or after the stream's start minus
 * {@link #DEFAULT_FRESHNESS_GRACE} (30 s). The grace covers the usual sequence "dispatch the export, then connect":
 * a fast or cached export may finish just before the stream opens. Anything else counts as pending.
 *
 * <p>All streams share one {@link StreamScheduler}: no thread per stream. A write that fails (client gone) closes
 * the stream and cancels its tasks at once; so does {@link ExportStream#cancel()}. Time comes from the injected
 * {@link Clock} and scheduler, so tests drive the 1.5 s, 15 s and 5 min timings with a
 * {@link ManualStreamScheduler}.
 *
 * <pre>{@code
 * ExportStreams streams = ExportStreams.builder()
 *     .poller(query -> exportJobs.status(query))
 *     .scheduler(StreamScheduler.threads(2))
 *     .build();
 * ExportStream stream = streams.open("org-acme", lessonId, Optional.empty(), SseSink.of(responseBody));
 * }</pre>
 */
public final class ExportStreams implements AutoCloseable {
  /** Time between two polls of one stream: 1.5 seconds. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(1500);
  /** Time between two {@code :hb} comments: 15 seconds. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
  /** Time after which a stream gives up with an error event: 5 minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
  /** How long before the stream's start an export may have completed and still count as fresh: 30 seconds. */
  public static final Duration DEFAULT_FRESHNESS_GRACE = Duration.ofSeconds(30);
  /** Poller exceptions in a row after which the stream sends an error event and closes: 3. */
  public static final int DEFAULT_MAX_CONSECUTIVE_POLL_FAILURES = 3;
  /** Threads of the scheduler built when none is given: 2. */
  public static final int DEFAULT_SCHEDULER_THREADS = 2;

  private final ExportStatusPoller poller;
  private final StreamScheduler scheduler;
  private final boolean ownsScheduler;
  private final Clock clock;
  private final Duration pollInterval;
  private final Duration heartbeatInterval;
  private final Duration timeout;
  private final Duration freshnessGrace;
  private final int maxConsecutivePollFailures;
  private final Set<DefaultExportStream> open = ConcurrentHashMap.newKeySet();

  private ExportStreams(Builder b) {
    this.poller = b.poller;
    this.ownsScheduler = b.scheduler == null;
    this.scheduler = ownsScheduler ? StreamScheduler.threads(DEFAULT_SCHEDULER_THREADS) : b.scheduler;
    this.clock = b.clock;
    this.pollInterval = b.pollInterval;
    this.heartbeatInterval = b.heartbeatInterval;
    this.timeout = b.timeout;
    this.freshnessGrace = b.freshnessGrace;
    this.maxConsecutivePollFailures = b.maxConsecutivePollFailures;
  }

  /** Starts a builder; {@link Builder#poller} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens a stream: writes {@code : connected} to {@code sink} before returning (unless the write fails, in which
   * case the returned stream is already closed) and schedules its polls, heartbeats and timeout.
   *
   * @param organizationId the caller's active organization
   * @param lessonId the lesson whose export is awaited
   * @param cacheKey the awaited export's cache key, if the client gave one
   * @param sink the response body; the stream closes it when it ends
   */
  public ExportStream open(String organizationId, UUID lessonId, Optional<String> cacheKey, SseSink sink) {
    ExportQuery query = new ExportQuery(organizationId, lessonId, cacheKey, clock.instant());
    DefaultExportStream stream = new DefaultExportStream(query, Objects.requireNonNull(sink, "sink must not be null"),
        poller, scheduler, clock, pollInterval, heartbeatInterval, timeout, freshnessGrace,
        maxConsecutivePollFailures, open::remove);
    open.add(stream);
    stream.start();
    return stream;
  }

  /** The number of streams currently open. */
  public int openStreamCount() {
    return open.size();
  }

  /** Cancels every open stream, and stops the scheduler if this instance built it. */
  @Override
  public void close() {
    for (DefaultExportStream stream : open) {
      stream.cancel();
    }
    if (ownsScheduler) {
      scheduler.close();
    }
  }

  /** Builder of {@link ExportStreams}; every setter checks its value at once. */
  public static final class Builder {
    private ExportStatusPoller poller;
    private StreamScheduler scheduler;
    private Clock clock = Clock.systemUTC();
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration freshnessGrace = DEFAULT_FRESHNESS_GRACE;
    private int maxConsecutivePollFailures = DEFAULT_MAX_CONSECUTIVE_POLL_FAILURES;

    private Builder() {}

    /** The host's poller. Required. */
    public Builder poller(ExportStatusPoller poller) {
      this.poller = Objects.requireNonNull(poller, "poller must not be null");
      return this;
    }

    /**
     * The shared scheduler. Default: a new {@link StreamScheduler#threads(int)} with
     * {@link ExportStreams#DEFAULT_SCHEDULER_THREADS} threads, closed by {@link ExportStreams#close()}. A given scheduler is
     * not closed by {@code ExportStreams}.
     */
    public Builder scheduler(StreamScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
      return this;
    }

    /** The clock for the stream's start time and freshness. Default: {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Time between polls. Default {@link #DEFAULT_POLL_INTERVAL}; between 100 ms and 1 minute.
     *
     * @throws IllegalArgumentException if out of range
     */
    public Builder pollInterval(Duration value) {
      this.pollInterval = between("pollInterval", value, Duration.ofMillis(100), Duration.ofMinutes(1));
      return this;
    }

    /**
     * Time between heartbeats. Default {@link #DEFAULT_HEARTBEAT_INTERVAL}; between 1 second and 5 minutes.
     *
     * @throws IllegalArgumentException if out of range
     */
    public Builder heartbeatInterval(Duration value) {
      this.heartbeatInterval = between("heartbeatInterval", value, Duration.ofSeconds(1), Duration.ofMinutes(5));
      return this;
    }

    /**
     * Hard limit of a stream's life. Default {@link #DEFAULT_TIMEOUT}; between 1 second and 1 hour.
     *
     * @throws IllegalArgumentException if out of range
     */
    public Builder timeout(Duration value) {
      this.timeout = between("timeout", value, Duration.ofSeconds(1), Duration.ofHours(1));
      return this;
    }

    /**
     * How long before the stream's start an export may have completed and still count as fresh (only when no
     * cache key is given). Default {@link #DEFAULT_FRESHNESS_GRACE}; between 0 and 1 hour.
     *
     * @throws IllegalArgumentException if out of range
     */
    public Builder freshnessGrace(Duration value) {
      this.freshnessGrace = between("freshnessGrace", value, Duration.ZERO, Duration.ofHours(1));
      return this;
    }

    /**
     * Poller exceptions in a row that end a stream with an error. Default
     * {@link #DEFAULT_MAX_CONSECUTIVE_POLL_FAILURES}; between 1 and 100.
     *
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxConsecutivePollFailures(int value) {
      if (value < 1 || value > 100) {
        throw new IllegalArgumentException("maxConsecutivePollFailures must be between 1 and 100, but was " + value);
      }
      this.maxConsecutivePollFailures = value;
      return this;
    }

    /**
     * Builds the streams.
     *
     * @throws IllegalStateException if no poller was given
     */
    public ExportStreams build() {
      if (poller == null) {
        throw new IllegalStateException("ExportStreams needs a poller, but poller(...) was not called");
      }
      return new ExportStreams(this);
    }

    private static Duration between(String name, Duration value, Duration min, Duration max) {
      Objects.requireNonNull(value, () -> name + " must not be null");
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", but was " + value);
      }
      return value;
    }
  }
}
