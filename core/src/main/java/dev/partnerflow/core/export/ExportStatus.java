package dev.partnerflow.core.export;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of an {@link ExportStatusPoller}: {@link Pending}, {@link Completed} or {@link Failed}.
 *
 * <pre>{@code
 * ExportStatus status = job == null ? ExportStatus.pending()
 *     : job.failed() ? new ExportStatus.Failed("rendering failed")
 *     : new ExportStatus.Completed(job.url(), job.costCents(), job.model(), Optional.of(job.cacheKey()),
 *         job.completedAt());
 * }</pre>
 */
public sealed interface ExportStatus {

  /** The shared "not ready yet" answer. */
  static Pending pending() {
    return Pending.INSTANCE;
  }

  /** Not ready yet; the stream polls again after the poll interval. */
  final class Pending implements ExportStatus {
    static final Pending INSTANCE = new Pending();

    private Pending() {}

    @Override
    public String toString() {
      return "Pending";
    }
  }

  /**
   * The file is ready. The stream checks that it is the awaited export (cache key, or freshness) before it sends
   * {@code event: completed}; an export that does not match counts as pending.
   *
   * @param url where the client downloads the file, not blank
   * @param costCents what the export cost, not negative
   * @param model the model that generated the deck, not blank
   * @param cacheKey the export job's cache key, if it has one
   * @param completedAt when the export finished
   */
  record Completed(String url, long costCents, String model, Optional<String> cacheKey, Instant completedAt)
      implements ExportStatus {
    public Completed {
      Objects.requireNonNull(url, "completed.url must not be null");
      if (url.isBlank()) {
        throw new IllegalArgumentException("completed.url must not be blank");
      }
      if (costCents < 0) {
        throw new IllegalArgumentException("completed.costCents must not be negative, but was " + costCents);
      }
      Objects.requireNonNull(model, "completed.model must not be null");
      Objects.requireNonNull(cacheKey, "completed.cacheKey must not be null; use Optional.empty()");
      Objects.requireNonNull(completedAt, "completed.completedAt must not be null");
    }
  }

  /**
   * The export failed for good. The stream sends {@code event: error} with this message and closes.
   *
   * @param message shown to the end user, so it must not contain secrets; not blank
   */
  record Failed(String message) implements ExportStatus {
    public Failed {
      Objects.requireNonNull(message, "failed.message must not be null");
      if (message.isBlank()) {
        throw new IllegalArgumentException("failed.message must not be blank");
      }
    }
  }
}
