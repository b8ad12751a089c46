/**
 * Micrometer meters and observations for a Partnerflow engine: start with {@link dev.partnerflow.metrics.PartnerflowMetrics}.
 * Meter and observation names are listed there and in {@code docs/observability.md}.
 */
package dev.partnerflow.metrics;
