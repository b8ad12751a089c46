package dev.partnerflow.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A scheduled scan of one organization, claimed by one engine: the scheduler's due work, leased like a run's (see
 * {@link RunStore#claimDueScans}). Only the holder of the lease at {@code version} may extend or finish it.
 *
 * @param organizationId the organization scanned
 * @param version the scan row's version after the claim (fencing)
 * @param dueAt when the scan was due (for lateness)
 * @since 0.2
 */
public record ScanClaim(String organizationId, long version, Instant dueAt) {
  public ScanClaim {
    Objects.requireNonNull(organizationId, "organizationId must not be null");
    Objects.requireNonNull(dueAt, "dueAt must not be null");
  }
}
