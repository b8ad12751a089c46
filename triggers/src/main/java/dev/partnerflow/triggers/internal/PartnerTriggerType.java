package dev.partnerflow.triggers.internal;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.TriggerType;
import dev.partnerflow.triggers.PartnerTrigger;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * One partner trigger type: a {@link PartnerTrigger} constant, its config record and the extra rule (beyond the
 * event type) that decides whether an event matches a config.
 */
final class PartnerTriggerType<C> implements TriggerType<C> {
  private final PartnerTrigger trigger;
  private final Class<C> configType;
  private final C defaultConfig;
  private final BiPredicate<C, Event> configMatches;
  private volatile Set<String> knownPaths;

  PartnerTriggerType(PartnerTrigger trigger, Class<C> configType, C defaultConfig,
                     BiPredicate<C, Event> configMatches) {
    this.trigger = Objects.requireNonNull(trigger, "trigger must not be null");
    this.configType = Objects.requireNonNull(configType, "configType must not be null");
    this.defaultConfig = Objects.requireNonNull(defaultConfig, "defaultConfig must not be null");
    this.configMatches = Objects.requireNonNull(configMatches, "configMatches must not be null");
  }

  @Override
  public String name() {
    return trigger.wireName();
  }

  @Override
  public Class<C> configType() {
    return configType;
  }

  @Override
  public C defaultConfig() {
    return defaultConfig;
  }

  @Override
  public NodeDocumentation documentation() {
    return trigger.documentation();
  }

  /** The event's type must be this trigger's name, then the config's rule decides; a null config is the default. */
  @Override
  public boolean matches(C config, Event event) {
    if (event == null || !name().equals(event.type())) {
      return false;
    }
    return configMatches.test(config == null ? defaultConfig : config, event);
  }

  @Override
  public Event sampleEvent(String organizationId, Instant now) {
    return SampleEvents.of(trigger, organizationId, now);
  }

  /**
   * Every path of this trigger's payload records, including optional fields the sample leaves out; none for
   * {@code manual}, whose data is whatever the caller passes (so its placeholders are not checked).
   */
  @Override
  public Set<String> knownDataPaths() {
    Set<String> paths = knownPaths;
    if (paths == null) {
      paths = trigger == PartnerTrigger.MANUAL ? Set.of()
          : PayloadPaths.of(SampleEvents.of(trigger, "sample-organization", Instant.EPOCH).data());
      knownPaths = paths;
    }
    return paths;
  }

  @Override
  public String toString() {
    return "TriggerType[" + name() + "]";
  }
}
