package dev.partnerflow.core.nodes;

import dev.partnerflow.core.event.Event;
import java.time.Instant;

/**
 * A node type that starts runs. The engine indexes active workflows by organization and trigger name; for each
 * event of that name, {@link #matches} decides with the node's config whether a run starts.
 *
 * <pre>{@code
 * final class PartnerCreated implements TriggerType<NoConfig> { ... }
 * }</pre>
 *
 * @param <C> the config record
 * @since 0.1
 */
public interface TriggerType<C> extends NodeType<C> {
  @Override
  default NodeKind kind() {
    return NodeKind.TRIGGER;
  }

  /** Whether an event (already known to have this type's name) starts a run of a workflow with this config. */
  default boolean matches(C config, Event event) {
    return name().equals(event.type());
  }

  /** A realistic event of this type, for test runs when the host provides no sample data. */
  Event sampleEvent(String organizationId, Instant now);
}
