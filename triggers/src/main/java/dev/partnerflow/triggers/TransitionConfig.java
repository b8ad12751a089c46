package dev.partnerflow.triggers;

import jakarta.validation.constraints.Size;
import java.util.Locale;

/**
 * The config of {@code partner_stage_changed} and {@code partner_tier_changed}: optional filters on where the
 * partner came from and where it went. An absent, null or blank filter matches any value. Filters are trimmed and
 * compared with the event's {@code change.from} / {@code change.to} ignoring case, so {@code "active"} matches a
 * move to {@code "Active"}.
 *
 * <pre>{@code
 * // node JSON: {"type": "partner_stage_changed", "config": {"from": "Onboarding", "to": "Active"}}
 * TransitionConfig anyIntoActive = TransitionConfig.into("Active");
 * }</pre>
 *
 * @param from the stage or tier the partner left; null matches any
 * @param to the stage or tier the partner entered; null matches any
 */
public record TransitionConfig(@Size(max = TransitionConfig.MAX_LENGTH) String from,
                               @Size(max = TransitionConfig.MAX_LENGTH) String to) {
  /** Longest accepted filter value: {@value}. */
  public static final int MAX_LENGTH = 200;

  /** Matches every change: no {@code from}, no {@code to}. The default config. */
  public static final TransitionConfig ANY = new TransitionConfig(null, null);

  public TransitionConfig {
    from = normalize(from);
    to = normalize(to);
  }

  /** Matches changes out of {@code from}, to anything. */
  public static TransitionConfig outOf(String from) {
    return new TransitionConfig(from, null);
  }

  /** Matches changes into {@code to}, from anything. */
  public static TransitionConfig into(String to) {
    return new TransitionConfig(null, to);
  }

  /** Matches only the change from {@code from} to {@code to}. */
  public static TransitionConfig between(String from, String to) {
    return new TransitionConfig(from, to);
  }

  /**
   * Whether a change from {@code actualFrom} to {@code actualTo} passes both filters. A set filter does not match
   * a missing actual value.
   */
  public boolean accepts(String actualFrom, String actualTo) {
    return filterAccepts(from, actualFrom) && filterAccepts(to, actualTo);
  }

  private static boolean filterAccepts(String filter, String actual) {
    if (filter == null) {
      return true;
    }
    return actual != null && filter.toLowerCase(Locale.ROOT).equals(actual.trim().toLowerCase(Locale.ROOT));
  }

  private static String normalize(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
