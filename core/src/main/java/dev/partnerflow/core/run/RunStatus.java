package dev.partnerflow.core.run;

/** Where a run is in its life. {@link #SUCCEEDED}, {@link #FAILED} and {@link #CANCELLED} are final. */
public enum RunStatus {
  /** Created; no step has run yet. */
  QUEUED,
  /** A worker holds it and is executing steps. */
  RUNNING,
  /** Parked until its next wake-up time (a delay or a retry backoff). No thread is held. */
  WAITING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
