package dev.partnerflow.core.nodes;

import dev.partnerflow.core.PartnerflowException;
import dev.partnerflow.core.control.ControlTypes;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.nodes.internal.ConfigBinder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node types known by name. Immutable once built; {@code delay} and {@code branch} are always present.
 *
 * <pre>{@code
 * NodeTypeRegistry registry = NodeTypeRegistry.builder()
 *     .discover()                    // every NodeTypeProvider on the class path (triggers, steps, ...)
 *     .add(new CreateTicket())       // and host types by hand
 *     .build();
 * ConfigBinding<?> binding = registry.bind(node);
 * }</pre>
 */
public final class NodeTypeRegistry {
  private static final Logger log = LoggerFactory.getLogger(NodeTypeRegistry.class);

  private final Map<String, NodeType<?>> types;
  private final ConfigBinder binder;

  private NodeTypeRegistry(Map<String, NodeType<?>> types) {
    this.types = Map.copyOf(types);
    this.binder = ConfigBinder.shared();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The control types plus every {@link NodeTypeProvider} found with ServiceLoader. */
  public static NodeTypeRegistry discover() {
    return builder().discover().build();
  }

  /**
   * Every {@link NodeTypeProvider} found with ServiceLoader on the context class loader (else this library's),
   * new instances, without the built-in control types.
   */
  public static List<NodeTypeProvider> discoverProviders() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    List<NodeTypeProvider> found = new ArrayList<>();
    for (NodeTypeProvider provider : ServiceLoader.load(NodeTypeProvider.class,
        loader == null ? NodeTypeRegistry.class.getClassLoader() : loader)) {
      if (!(provider instanceof ControlTypes)) {
        found.add(provider);
      }
    }
    return found;
  }

  public Optional<NodeType<?>> find(String name) {
    return Optional.ofNullable(types.get(name));
  }

  /**
   * @throws PartnerflowException naming the unknown type and the known ones
   */
  public NodeType<?> require(String name) {
    NodeType<?> type = types.get(name);
    if (type == null) {
      throw new PartnerflowException("unknown node type '" + name + "';"
          + dev.partnerflow.core.internal.Suggestions.didYouMean(name, names()) + " known types: " + names());
    }
    return type;
  }

  /** Every registered type. */
  public Collection<NodeType<?>> types() {
    return types.values();
  }

  /** Registered names, sorted. */
  public List<String> names() {
    return types.keySet().stream().sorted().toList();
  }

  /**
   * Binds a node's config to its type's record and validates it with Bean Validation.
   *
   * @throws PartnerflowException when the node's type is not registered
   */
  public ConfigBinding<?> bind(Node node) {
    return binder.bind(require(node.type()), node.config());
  }

  /** Binds a config map to a given type. */
  public <C> ConfigBinding<C> bind(NodeType<C> type, Map<String, Object> config) {
    return binder.bind(type, config);
  }

  /** Collects node types; later duplicates of a name are refused. */
  public static final class Builder {
    private final Map<String, NodeType<?>> types = new LinkedHashMap<>();

    Builder() {
      add(new ControlTypes());
    }

    /** Adds one type. @throws IllegalArgumentException when the name is taken or not lower snake case */
    public Builder add(NodeType<?> type) {
      Objects.requireNonNull(type, "node type must not be null");
      String name = type.name();
      if (name == null || !name.matches("[a-z][a-z0-9_]{0,63}")) {
        throw new IllegalArgumentException("node type name must be lower snake case of 1 to 64 characters, but was '"
            + name + "' (" + type.getClass().getName() + ")");
      }
      NodeType<?> previous = types.putIfAbsent(name, type);
      if (previous != null && previous != type) {
        throw new IllegalArgumentException("node type '" + name + "' is registered twice: by "
            + previous.getClass().getName() + " and by " + type.getClass().getName());
      }
      return this;
    }

    /** Adds every type of a provider. */
    public Builder add(NodeTypeProvider provider) {
      provider.nodeTypes().forEach(this::add);
      return this;
    }

    /** Adds every provider found with ServiceLoader on the context (or this library's) class loader. */
    public Builder discover() {
      for (NodeTypeProvider provider : discoverProviders()) {
        log.debug("Registering node types of {}", provider.getClass().getName());
        add(provider);
      }
      return this;
    }

    public NodeTypeRegistry build() {
      return new NodeTypeRegistry(types);
    }
  }
}
