package dev.partnerflow.core.export;

/**
 * Host interface: "is the PPTX export of lesson L (cache key K) ready?". Implemented by the application that embeds
 * Partnerflow, usually by reading its export-job table; public API, changed only in a major version.
 *
 * <p>Called on one of the shared stream scheduler threads every
 * {@link ExportStreams#DEFAULT_POLL_INTERVAL poll interval} for every open stream, so it must answer quickly and must
 * not block on slow I/O (a 10,000-stream server polls ~6,700 times a second). Never called concurrently for the
 * same stream.
 *
 * <p>Exceptions are taken as transient: the stream logs them at WARN and polls again; after
 * {@link ExportStreams#DEFAULT_MAX_CONSECUTIVE_POLL_FAILURES} failures in a row it sends {@code event: error} and
 * closes. Returning {@code null} counts as a failure.
 *
 * <pre>{@code
 * ExportStatusPoller poller = query -> exportJobs.latest(query.organizationId(), query.lessonId(), query.cacheKey())
 *     .map(job -> (ExportStatus) new ExportStatus.Completed(job.url(), job.costCents(), job.model(),
 *         Optional.ofNullable(job.cacheKey()), job.completedAt()))
 *     .orElse(ExportStatus.pending());
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ExportStatusPoller {
  /** The current status of the export {@code query} asks about; never {@code null}. */
  ExportStatus poll(ExportQuery query);
}
