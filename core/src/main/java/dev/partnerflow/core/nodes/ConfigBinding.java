package dev.partnerflow.core.nodes;

import java.util.List;
import java.util.Optional;

/**
 * The result of binding a node's JSON config to its type's config record and validating it.
 *
 * @param config the bound config when there are no violations
 * @param violations every rule the config breaks; empty when valid
 * @param <C> the config record
 */
public record ConfigBinding<C>(Optional<C> config, List<ConfigViolation> violations) {
  public ConfigBinding {
    config = config == null ? Optional.empty() : config;
    violations = List.copyOf(violations);
  }

  public boolean valid() {
    return violations.isEmpty();
  }
}
