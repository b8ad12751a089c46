package dev.partnerflow.core.nodes;

import dev.partnerflow.core.validation.WorkflowCheck;
import java.util.Collection;
import java.util.List;

/**
 * The one extension point through which a module contributes node types, the way a Jackson module plugs into an
 * ObjectMapper. Register an implementation in {@code META-INF/services/dev.partnerflow.core.nodes.NodeTypeProvider}
 * to be found by {@link NodeTypeRegistry#discover()}, or add it by hand with
 * {@link NodeTypeRegistry.Builder#add(NodeTypeProvider)}.
 *
 * <pre>{@code
 * public final class MyTypes implements NodeTypeProvider {
 *   public Collection<NodeType<?>> nodeTypes() { return List.of(new CreateTicket()); }
 * }
 * }</pre>
 *
 * <p>Stability: public API, implemented by hosts. Needs a public no-argument constructor for ServiceLoader.
 *
 * @since 0.1
 */
public interface NodeTypeProvider {
  /** The node types this module contributes. Names must be unique across all providers. */
  Collection<NodeType<?>> nodeTypes();

  /**
   * Activation checks that come with these node types, e.g. "templates parse" or "the collaborator this step needs
   * is configured". The engine adds them to its validator once per provider, for providers given to
   * {@code WorkflowEngine.Builder.nodeTypes(...)} and for discovered ones whose types it registers. A check should
   * only judge nodes whose registered type is its own ({@code registry.find(node.type())}), since types added by
   * hand win over discovered ones of the same name.
   *
   * @return the checks; default none
   * @since 0.1
   */
  default List<WorkflowCheck> checks() {
    return List.of();
  }
}
