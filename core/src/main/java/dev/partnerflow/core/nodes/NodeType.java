package dev.partnerflow.core.nodes;

/**
 * A kind of node the registry knows by name. Implement {@link TriggerType} or {@link ActionType} rather than this
 * interface directly; the control types {@code delay} and {@code branch} come with core.
 *
 * <p>The config type is a record annotated with Jakarta Bean Validation constraints. It is bound from the node's
 * JSON config with unknown fields refused, then validated; missing optional fields take the defaults the record's
 * compact constructor gives them.
 *
 * <p>Stability: public API, implemented by hosts. Adding a method with a default is a minor change; anything
 * else waits for a major version.
 *
 * @param <C> the config record
 * @since 0.1
 */
public interface NodeType<C> {
  /** The wire name used in JSON and in the registry, e.g. {@code send_email}. Lower snake case. */
  String name();

  NodeKind kind();

  /** The record that a node's config binds to. */
  Class<C> configType();

  /** The config a newly added node starts with in an editor. */
  C defaultConfig();

  NodeDocumentation documentation();
}
