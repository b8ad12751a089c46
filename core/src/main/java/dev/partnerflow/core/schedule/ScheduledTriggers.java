package dev.partnerflow.core.schedule;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * Trigger types the engine fires by itself, from a daily scan per organization. Given to
 * {@code WorkflowEngine.Builder.scheduledTriggers}; the partner triggers' implementation is {@code PartnerSchedule}
 * (module {@code partnerflow-triggers}) over the host's {@code PartnerDirectory}.
 *
 * <p>The engine scans an organization when it has Active workflows of one of {@link #triggerTypes()}: soon after
 * the engine starts (and when such a workflow is activated), then every day at {@link #timeOfDay()} in the
 * organization's {@link #zone}. Each scan is claimed by one engine (a leased row in the run store).
 *
 * <p>Stability: public SPI.
 *
 * @since 0.2
 */
public interface ScheduledTriggers {
  /** The trigger type names this schedule fires, e.g. {@code partner_inactive}. */
  Set<String> triggerTypes();

  /** The organization's time zone: days are its calendar days and scans happen at its local time of day. */
  ZoneId zone(String organizationId);

  /** The local time of day of the daily scan. */
  LocalTime timeOfDay();

  /**
   * Scans one organization: fires, through {@link ScheduledScan#fire}, every occurrence due by
   * {@link ScheduledScan#now()} that {@link ScheduledScan#fired} does not already know. Called on the scheduler's
   * thread (or the thread of {@code runDueWork} in tests). An exception ends the scan; it is tried again later and
   * what it fired before the exception stays fired.
   */
  void scan(ScheduledScan scan);
}
