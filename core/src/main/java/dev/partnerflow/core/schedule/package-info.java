/**
 * Scheduled triggers: trigger types that no host event announces (a partner inactive for X days, a renewal X days
 * away) and that the engine fires by itself. A {@link dev.partnerflow.core.schedule.ScheduledTriggers}
 * (the triggers module's {@code PartnerSchedule}) says which trigger types it serves, each organization's time
 * zone and the local time of day of the daily scan; the engine claims each organization's scan like a run (one
 * engine does each scan even when several share a store), hands it a {@link
 * dev.partnerflow.core.schedule.ScheduledScan}, and records every occurrence it fires in the store.
 *
 * @since 0.2
 */
package dev.partnerflow.core.schedule;
