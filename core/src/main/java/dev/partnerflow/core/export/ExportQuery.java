package dev.partnerflow.core.export;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What an {@link ExportStatusPoller} is asked: is the PPTX export of this lesson ready?
 *
 * <pre>{@code
 * ExportQuery query = new ExportQuery("org-acme", lessonId, Optional.of("k-123"), clock.instant());
 * }</pre>
 *
 * @param organizationId the caller's active organization; a poller must not report on another organization's
 *     lesson (answer {@link ExportStatus.Pending} or {@link ExportStatus.Failed} instead)
 * @param lessonId the enablement lesson whose export is awaited
 * @param cacheKey when present, only an export with exactly this cache key completes the stream
 * @param streamStartedAt when the stream opened (from the stream's clock); without a cache key only an export
 *     completed at or after {@code streamStartedAt - freshnessGrace} completes the stream
 */
public record ExportQuery(String organizationId, UUID lessonId, Optional<String> cacheKey, Instant streamStartedAt) {
  public ExportQuery {
    Objects.requireNonNull(organizationId, "exportQuery.organizationId must not be null");
    Objects.requireNonNull(lessonId, "exportQuery.lessonId must not be null");
    Objects.requireNonNull(cacheKey, "exportQuery.cacheKey must not be null; use Optional.empty()");
    Objects.requireNonNull(streamStartedAt, "exportQuery.streamStartedAt must not be null");
  }
}
