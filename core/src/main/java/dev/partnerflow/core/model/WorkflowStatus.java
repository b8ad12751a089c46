package dev.partnerflow.core.model;

import java.util.Locale;

/** Draft workflows never run; Active ones run on matching events; Inactive ones are paused. */
public enum WorkflowStatus {
  DRAFT, ACTIVE, INACTIVE;

  /** The wire name: {@code draft}, {@code active}, {@code inactive}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static WorkflowStatus fromWire(String value) {
    return WireNames.parse(WorkflowStatus.class, "status", value);
  }
}
