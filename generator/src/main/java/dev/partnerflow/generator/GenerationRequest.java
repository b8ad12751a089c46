package dev.partnerflow.generator;

import dev.partnerflow.core.model.LifecycleStage;
import java.util.Objects;
import java.util.Optional;

/**
 * What to generate: a plain-language description and who asks.
 *
 * <pre>{@code
 * GenerationRequest request = GenerationRequest.of("Email the partner manager when a deal is registered", "acme", "maria")
 *     .withStage(LifecycleStage.EXECUTE);
 * }</pre>
 *
 * @param description what to automate, 1 to {@value #MAX_DESCRIPTION_LENGTH} characters, not blank
 * @param organizationId the organization the draft belongs to
 * @param createdBy the team member asking; becomes the draft's {@code createdBy}
 * @param stage the lifecycle stage of the draft; empty means the workflow default (onboard)
 */
public record GenerationRequest(String description, String organizationId, String createdBy,
                                Optional<LifecycleStage> stage) {
  /** Longest description accepted: {@value} characters (the workflow description limit). */
  public static final int MAX_DESCRIPTION_LENGTH = 5_000;

  public GenerationRequest {
    Objects.requireNonNull(description, "description must not be null");
    if (description.isBlank() || description.length() > MAX_DESCRIPTION_LENGTH) {
      throw new IllegalArgumentException("description must be 1 to " + MAX_DESCRIPTION_LENGTH
          + " characters and not blank, but was " + description.length() + " characters");
    }
    Objects.requireNonNull(organizationId, "organizationId must not be null");
    Objects.requireNonNull(createdBy, "createdBy must not be null");
    if (createdBy.isBlank()) {
      throw new IllegalArgumentException("createdBy must not be blank");
    }
    stage = stage == null ? Optional.empty() : stage;
  }

  public static GenerationRequest of(String description, String organizationId, String createdBy) {
    return new GenerationRequest(description, organizationId, createdBy, Optional.empty());
  }

  public GenerationRequest withStage(LifecycleStage value) {
    return new GenerationRequest(description, organizationId, createdBy, Optional.of(value));
  }
}
