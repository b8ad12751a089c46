/**
 * The partner vocabulary: the 18 trigger types ({@link dev.partnerflow.triggers.PartnerTrigger}), their configs
 * ({@link dev.partnerflow.triggers.NoConfig}, {@link dev.partnerflow.triggers.TransitionConfig},
 * {@link dev.partnerflow.triggers.DaysConfig}), the event factory ({@link dev.partnerflow.triggers.PartnerEvents})
 * and the provider that registers the types ({@link dev.partnerflow.triggers.PartnerTriggerTypes}).
 *
 * <pre>{@code
 * Partner partner = Partner.builder("p-100", "Northwind Analytics").stage("Active").tier("Gold").build();
 * engine.publish(PartnerEvents.partnerCreated("evt-1", "acme", clock.instant(), partner));
 * }</pre>
 */
package dev.partnerflow.triggers;
