/**
 * Partnerflow metrics: Micrometer meters and Micrometer Observation (tracing) for a {@code WorkflowEngine}, fed by
 * the engine's {@code RunListener} callbacks and {@code WorkflowEngine.stats()}. Optional: core does not depend on
 * Micrometer.
 *
 * @since 0.1
 */
module dev.partnerflow.metrics {
  requires transitive dev.partnerflow.core;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;
  requires org.slf4j;

  exports dev.partnerflow.metrics;
}
