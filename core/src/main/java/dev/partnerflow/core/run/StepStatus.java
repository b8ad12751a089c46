package dev.partnerflow.core.run;

/** Outcome of one step attempt. */
public enum StepStatus {
  /** The step did its work (or, in a test run, reported what it would have done). */
  SUCCEEDED,
  /** The attempt failed and another attempt is scheduled. */
  RETRYING,
  /** The step failed for good. */
  FAILED
}
