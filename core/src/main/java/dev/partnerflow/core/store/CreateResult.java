package dev.partnerflow.core.store;

import java.util.Objects;

/**
 * Result of {@link RunStore#createIfAbsent} and {@link RunStore#createClaimed}.
 *
 * @param runId the id of the stored run: the new one, or the one the same event already started
 * @param run that run's state; null only when the event already started a run that the store no longer keeps
 *     (finished runs may be forgotten before the dedupe window ends)
 * @param created true when this call created it
 */
public record CreateResult(String runId, RunRecord run, boolean created) {
  public CreateResult {
    Objects.requireNonNull(runId, "runId must not be null");
    if (created && run == null) {
      throw new IllegalArgumentException("a created run must be returned");
    }
  }

  /** The run was created, or an existing one is still kept. */
  public CreateResult(RunRecord run, boolean created) {
    this(run.id(), run, created);
  }
}
