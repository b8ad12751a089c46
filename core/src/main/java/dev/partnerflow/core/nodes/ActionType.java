package dev.partnerflow.core.nodes;

import java.util.Map;
import java.util.Set;

/**
 * A node type that does something outside the engine: send an email, post to Slack, call a webhook, update a
 * record. The engine calls {@link #execute} at least once per step; every attempt of a step carries the same
 * {@link StepContext#idempotencyKey()} so that the receiving side can deduplicate.
 *
 * <pre>{@code
 * public final class CreateTicket implements ActionType<CreateTicket.Config> {
 *   public record Config(@NotBlank String queue, @NotBlank String title) {}
 *   public String name() { return "create_ticket"; }
 *   public Class<Config> configType() { return Config.class; }
 *   public Config defaultConfig() { return new Config("support", "New partner"); }
 *   public NodeDocumentation documentation() { ... }
 *   public StepResult execute(Config config, StepContext ctx) {
 *     String id = tickets.create(config.queue(), config.title(), ctx.idempotencyKey());
 *     return StepResult.of(Map.of("ticketId", id));
 *   }
 * }
 * }</pre>
 *
 * <p>Stability: public API, implemented by hosts.
 *
 * @param <C> the config record
 * @since 0.1
 */
public interface ActionType<C> extends NodeType<C> {
  @Override
  default NodeKind kind() {
    return NodeKind.ACTION;
  }

  /**
   * Performs the step with its config, already rendered from templates.
   *
   * @throws StepFailedException {@link StepFailedException#retryable} for a failure worth retrying (timeouts,
   *     5xx, rate limits) or {@link StepFailedException#permanent} for one that is not; any other exception counts
   *     as retryable
   */
  StepResult execute(C config, StepContext context);

  /**
   * What the step would have done, for test runs with side effects off. The default reports the rendered config;
   * override to describe the message, the recipients, the request.
   */
  default StepResult dryRun(C config, StepContext context) {
    return StepResult.of(Map.of("dryRun", true, "wouldExecute", name()));
  }

  /** Minutes a person would have spent doing this by hand; a node may override it. */
  default int minutesSaved() {
    return 0;
  }

  /**
   * Config fields (top-level names) whose values are secrets: redacted in run records, step inputs and logs.
   */
  default Set<String> secretFields() {
    return Set.of();
  }

  /** Top-level text fields rendered with HTML escaping (an HTML body). Others render verbatim. */
  default Set<String> htmlFields() {
    return Set.of();
  }

  /**
   * Top-level fields that end up in message headers (subject, addresses): after rendering, a value with a line
   * break fails the step, so a partner-supplied value can never inject a header.
   */
  default Set<String> headerFields() {
    return Set.of();
  }
}
