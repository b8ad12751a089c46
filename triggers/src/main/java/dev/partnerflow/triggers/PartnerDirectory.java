package dev.partnerflow.triggers;

import dev.partnerflow.triggers.payload.Partner;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The host's partners, as the scheduled triggers ({@code partner_inactive}, {@code contract_renewal_approaching})
 * need them: the engine's scheduler ({@link PartnerSchedule}) asks for bounded pages, never for the whole
 * directory, so a directory of millions of partners is never loaded at once. Every query is keyset-paged: partners
 * ordered by id, those after {@code afterPartnerId} (null for the first page), at most {@code limit}; a page
 * shorter than {@code limit} is the last. A JDBC implementation over an indexed {@code partners} table is in the
 * examples ({@code JdbcPartnerDirectory}).
 *
 * <p>The ranges are bounded on both sides by the scheduler's catch-up horizon, so a partner quiet for 200 days is
 * not read again every day once its occurrence is behind the horizon.
 *
 * <p>Stability: public SPI, implemented by hosts. Called from the engine's scheduler thread.
 *
 * @since 0.2
 */
public interface PartnerDirectory {
  /** The organization's time zone: its calendar days count the days, and its scans happen at its local time. */
  ZoneId zone(String organizationId);

  /**
   * Partners of the organization whose last recorded activity ({@link Partner#lastActivityAt()}) is at or after
   * {@code from} and before {@code before}, ordered by id, after {@code afterPartnerId}, at most {@code limit}.
   * Partners without a last activity are never inactive for the scheduler.
   */
  List<Partner> lastActiveBetween(String organizationId, Instant from, Instant before, String afterPartnerId,
      int limit);

  /**
   * Partners of the organization whose contract renews ({@link Partner#contractRenewalDate()}) on a date from
   * {@code first} to {@code last}, both included, ordered by id, after {@code afterPartnerId}, at most
   * {@code limit}. The scheduler usually asks for one date ({@code first == last}); after downtime, for the days
   * it missed.
   */
  List<Partner> renewingBetween(String organizationId, LocalDate first, LocalDate last, String afterPartnerId,
      int limit);
}
