package dev.partnerflow.core.nodes;

import java.util.List;
import java.util.Objects;

/**
 * The text that documents a node type, for pickers, generated docs and the AI workflow generator.
 *
 * @param displayName what the editor shows, e.g. "Partner Inactive (X Days)"
 * @param description one or two sentences on when it fires or what it does
 * @param group a grouping for pickers, e.g. "partner lifecycle", "deal", "other", "messaging"
 * @param examplePhrases phrases a person might use to ask for it ("when a partner goes quiet")
 */
public record NodeDocumentation(String displayName, String description, String group, List<String> examplePhrases) {
  public NodeDocumentation {
    Objects.requireNonNull(displayName, "displayName must not be null");
    Objects.requireNonNull(description, "description must not be null");
    Objects.requireNonNull(group, "group must not be null");
    examplePhrases = List.copyOf(examplePhrases == null ? List.of() : examplePhrases);
  }
}
