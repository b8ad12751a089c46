/**
 * Partnerflow triggers: the partner vocabulary (the 18 trigger types, their configs, event payloads and factories,
 * sample events). Contributes its trigger types to the engine as a {@code NodeTypeProvider}.
 *
 * <p>Only the packages exported here are public API; {@code dev.partnerflow.triggers.internal} is not exported.
 *
 * @since 0.1
 */
module dev.partnerflow.triggers {
  requires transitive dev.partnerflow.core;
  requires com.fasterxml.jackson.annotation;

  exports dev.partnerflow.triggers;
  exports dev.partnerflow.triggers.payload;

  // Trigger config records (DaysConfig, TransitionConfig, NoConfig): bound by Jackson, validated by Hibernate
  // Validator, both reflectively.
  opens dev.partnerflow.triggers to com.fasterxml.jackson.databind, org.hibernate.validator;

  provides dev.partnerflow.core.nodes.NodeTypeProvider with dev.partnerflow.triggers.PartnerTriggerTypes;
}
