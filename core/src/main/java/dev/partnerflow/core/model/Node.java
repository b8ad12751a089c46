package dev.partnerflow.core.model;

import dev.partnerflow.core.internal.Json;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One box on the canvas: a trigger, an action or a control node.
 *
 * <p>The config is kept as the JSON-like map the editor saved (strings, numbers, booleans, lists, maps), so a
 * draft with a config that does not fit its type still saves and round-trips. The node type registry binds it to
 * the type's config record and validates it ({@code NodeTypeRegistry#bind}).
 *
 * <pre>{@code
 * Node wait = Node.of("wait", "delay", DelayConfig.ofDuration(Duration.ofDays(7)));
 * }</pre>
 *
 * @param id unique within the workflow; 1 to 100 characters of letters, digits, '-', '_', '.' or ':'
 * @param type the registered type name, such as {@code send_email}
 * @param config the node's configuration as a JSON-like map (immutable)
 * @param label optional caption shown on the canvas
 * @param position canvas position, never read by the engine
 * @param settings retry, timeout and other per-node engine settings
 */
public record Node(
    String id, String type, Map<String, Object> config, Optional<String> label, Position position,
    NodeSettings settings) {

  public Node {
    Ids.check("node.id", id);
    Objects.requireNonNull(type, "node.type must not be null (node '" + id + "')");
    config = config == null ? Map.of() : Json.freezeMap(config);
    label = label == null ? Optional.empty() : label;
    position = position == null ? Position.ORIGIN : position;
    settings = settings == null ? NodeSettings.DEFAULTS : settings;
  }

  /**
   * A node with a typed config (a record of the type's config class, or a map), no label, at the origin.
   */
  public static Node of(String id, String type, Object config) {
    return new Node(id, type, Json.toMap(config), Optional.empty(), Position.ORIGIN, NodeSettings.DEFAULTS);
  }

  /** A node whose type takes no configuration, or whose defaults are wanted. */
  public static Node of(String id, String type) {
    return of(id, type, Map.of());
  }

  public Node withLabel(String value) {
    return new Node(id, type, config, Optional.ofNullable(value), position, settings);
  }

  public Node withPosition(Position value) {
    return new Node(id, type, config, label, value, settings);
  }

  public Node withSettings(NodeSettings value) {
    return new Node(id, type, config, label, position, value);
  }

  public Node withConfig(Object value) {
    return new Node(id, type, Json.toMap(value), label, position, settings);
  }

  /**
   * Id, type, label and the config's keys, never its values: a config may hold secrets (a signing secret, a bot
   * token, a webhook URL with a token in its path) and a toString ends up in logs.
   */
  @Override
  public String toString() {
    return "Node[id=" + id + ", type=" + type + ", configKeys=" + config.keySet()
        + label.map(l -> ", label=" + l).orElse("") + "]";
  }
}
