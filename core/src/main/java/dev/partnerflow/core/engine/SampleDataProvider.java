package dev.partnerflow.core.engine;

import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.event.Event;
import java.time.Instant;
import java.util.Optional;

/**
 * Gives test runs ("Run once") an event built from the organization's own records, e.g. its most recent deal for a
 * {@code deal_registered} workflow. When it returns empty, the trigger type's built-in sample is used.
 *
 * <p>Stability: public API, implemented by hosts.
 *
 * <pre>{@code
 * SampleDataProvider samples = (org, type, now) -> "deal_registered".equals(type)
 *     ? Optional.of(PartnerEvents.dealRegistered("sample", org, now, partners.latest(org), deals.latest(org)))
 *     : Optional.empty();
 * }</pre>
 */
@FunctionalInterface
public interface SampleDataProvider {
  /** No host data: always the built-in samples. */
  SampleDataProvider NONE = (organizationId, triggerType, now) -> Optional.empty();

  Optional<Event> sampleEvent(String organizationId, String triggerType, Instant now);
}
