package dev.partnerflow.core.model;

import java.util.Locale;

/** The partner lifecycle stage a workflow belongs to, as the workflow list filters them. */
public enum LifecycleStage {
  RECRUIT, ONBOARD, ENABLE, EXECUTE, OPTIMIZE;

  /** The wire name: {@code recruit}, {@code onboard}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static LifecycleStage fromWire(String value) {
    return WireNames.parse(LifecycleStage.class, "stage", value);
  }
}
