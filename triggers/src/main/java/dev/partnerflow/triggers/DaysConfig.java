package dev.partnerflow.triggers;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The config of the day-count triggers: for {@code partner_inactive} the number of days without recorded activity,
 * for {@code contract_renewal_approaching} the number of days before the contract renewal date. Absent means
 * {@value #DEFAULT_DAYS}; the valid range is {@value #MIN_DAYS} to {@value #MAX_DAYS}, checked by Bean Validation
 * when the node config is validated (so every problem of a graph is reported at once, not the first one thrown).
 *
 * <pre>{@code
 * // node JSON: {"type": "partner_inactive", "config": {"days": 60}}
 * DaysConfig quietForTwoMonths = DaysConfig.of(60);
 * }</pre>
 *
 * @param days the threshold in days, {@value #MIN_DAYS} to {@value #MAX_DAYS}; null means {@value #DEFAULT_DAYS}
 */
public record DaysConfig(@Min(DaysConfig.MIN_DAYS) @Max(DaysConfig.MAX_DAYS) Integer days) {
  /** Days when the config does not say: {@value}. */
  public static final int DEFAULT_DAYS = 30;
  /** Fewest days accepted: {@value}. */
  public static final int MIN_DAYS = 1;
  /** Most days accepted (about ten years): {@value}. */
  public static final int MAX_DAYS = 3650;

  /** {@value #DEFAULT_DAYS} days. The default config. */
  public static final DaysConfig DEFAULT = new DaysConfig(DEFAULT_DAYS);

  public DaysConfig {
    // Range is left to Bean Validation so it is reported with the graph's other problems.
    days = days == null ? DEFAULT_DAYS : days;
  }

  /** A config of {@code days} days. */
  public static DaysConfig of(int days) {
    return new DaysConfig(days);
  }
}
