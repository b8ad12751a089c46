package dev.partnerflow.examples.server;

import dev.partnerflow.core.export.ExportQuery;
import dev.partnerflow.core.export.ExportStatus;
import dev.partnerflow.core.export.ExportStatusPoller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Demo {@link ExportStatusPoller}: pretends that an export starts when a lesson (with a cache key) is first polled
 * and completes {@link #DEFAULT_READY_AFTER} later. Lesson {@link #FAILING_LESSON} always fails. Remembers every
 * lesson it saw, which is fine for a demo and wrong for a server.
 */
public final class DemoExportPoller implements ExportStatusPoller {
  /** How long the pretend export takes: 5 seconds. */
  public static final Duration DEFAULT_READY_AFTER = Duration.ofSeconds(5);
  /** A lesson whose export always fails, to see {@code event: error}. */
  public static final UUID FAILING_LESSON = UUID.fromString("00000000-0000-0000-0000-000000000bad");

  private final Clock clock;
  private final Duration readyAfter;
  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

  public DemoExportPoller(Clock clock, Duration readyAfter) {
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    this.readyAfter = Objects.requireNonNull(readyAfter, "readyAfter must not be null");
  }

  @Override
  public ExportStatus poll(ExportQuery query) {
    if (query.lessonId().equals(FAILING_LESSON)) {
      return new ExportStatus.Failed("the demo renderer cannot export this lesson");
    }
    String key = query.organizationId() + "/" + query.lessonId() + "/" + query.cacheKey().orElse("");
    Instant started = firstSeen.computeIfAbsent(key, k -> clock.instant());
    Instant ready = started.plus(readyAfter);
    if (clock.instant().isBefore(ready)) {
      return ExportStatus.pending();
    }
    String cacheKey = query.cacheKey().orElse("demo-" + query.lessonId());
    return new ExportStatus.Completed("https://exports.example.test/lessons/" + query.lessonId() + ".pptx", 12,
        "partnerflow-demo-deck", Optional.of(cacheKey), ready);
  }
}
