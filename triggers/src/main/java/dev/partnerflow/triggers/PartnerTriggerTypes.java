package dev.partnerflow.triggers;

import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeProvider;
import dev.partnerflow.core.nodes.TriggerType;
import dev.partnerflow.triggers.internal.TriggerCatalog;
import java.util.Collection;
import java.util.List;

/**
 * Contributes the 18 partner trigger types to the node-type registry. Registered in
 * {@code META-INF/services/dev.partnerflow.core.nodes.NodeTypeProvider}, so having this module on the class path is
 * enough; it can also be added by hand.
 *
 * <pre>{@code
 * NodeTypeRegistry registry = NodeTypeRegistry.builder().add(new PartnerTriggerTypes()).build();
 * List<TriggerType<?>> triggers = PartnerTriggerTypes.all();
 * }</pre>
 */
public final class PartnerTriggerTypes implements NodeTypeProvider {
  /** For ServiceLoader. */
  public PartnerTriggerTypes() {}

  /** The 18 partner trigger types, in {@link PartnerTrigger} order. */
  public static List<TriggerType<?>> all() {
    return TriggerCatalog.all();
  }

  @Override
  public Collection<NodeType<?>> nodeTypes() {
    return List.copyOf(all());
  }
}
