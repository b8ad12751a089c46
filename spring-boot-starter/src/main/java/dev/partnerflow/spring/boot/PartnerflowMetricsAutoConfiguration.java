package dev.partnerflow.spring.boot;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.export.ExportStreams;
import dev.partnerflow.metrics.PartnerflowMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link PartnerflowMetrics} when {@code partnerflow-metrics} is on the class path and a
 * {@link MeterRegistry} bean exists (Spring Boot's Micrometer auto-configuration makes one): it becomes a
 * {@code RunListener} bean, which {@link PartnerflowAutoConfiguration} adds to the engine, and is bound to the
 * engine's gauges and to the export streams once all singletons exist. Observations go to the
 * {@link ObservationRegistry} bean when there is one. Meter names: {@code docs/observability.md}.
 *
 * @since 0.1
 */
@AutoConfiguration(before = PartnerflowAutoConfiguration.class, afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({PartnerflowMetrics.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnProperty(prefix = "partnerflow", name = "enabled", havingValue = "true", matchIfMissing = true)
public class PartnerflowMetricsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  public PartnerflowMetrics partnerflowMetrics(MeterRegistry meterRegistry,
      ObjectProvider<ObservationRegistry> observationRegistry) {
    PartnerflowMetrics.Builder metrics = PartnerflowMetrics.builder(meterRegistry);
    observationRegistry.ifUnique(metrics::observationRegistry);
    return metrics.build();
  }

  /** Binds the gauges once the engine and the export streams exist. */
  @Bean
  public SmartInitializingSingleton partnerflowMetricsBinder(PartnerflowMetrics metrics,
      ObjectProvider<WorkflowEngine> engine, ObjectProvider<ExportStreams> exportStreams) {
    return () -> {
      engine.ifUnique(metrics::bind);
      exportStreams.ifUnique(metrics::bind);
    };
  }
}
