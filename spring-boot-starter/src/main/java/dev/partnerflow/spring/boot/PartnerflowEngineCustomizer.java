package dev.partnerflow.spring.boot;

import dev.partnerflow.core.engine.WorkflowEngine;

/**
 * A bean that adjusts the auto-configured engine's builder after the {@code partnerflow.*} properties and the
 * picked-up host beans were applied: stores of your own ({@code stores(...)}), a clock, an executor, a retry policy.
 * Applied in {@link org.springframework.core.annotation.Order} order.
 *
 * <pre>{@code
 * @Bean PartnerflowEngineCustomizer partnerflowStores(DataSource ds) {
 *   return builder -> builder.stores(new MyWorkflowStore(ds), new MyRunStore(ds));
 * }
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface PartnerflowEngineCustomizer {
  /** Adjusts the builder; the builder's setters check their values. */
  void customize(WorkflowEngine.Builder builder);
}
