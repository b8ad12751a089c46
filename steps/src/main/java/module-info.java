/**
 * Partnerflow steps: the standard action steps ({@code send_email}, {@code send_slack}, {@code webhook},
 * {@code update_record}, {@code assign_training}), the SMTP email sender and safe outbound HTTP. Contributes its
 * action types to the engine as a {@code NodeTypeProvider}.
 *
 * <p>Only the packages exported here are public API; {@code dev.partnerflow.steps.internal} and
 * {@code dev.partnerflow.steps.http.internal} are not exported.
 *
 * @since 0.1
 */
module dev.partnerflow.steps {
  requires transitive dev.partnerflow.core;
  requires transitive dev.partnerflow.triggers;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires jakarta.mail;
  requires org.eclipse.angus.mail;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;

  exports dev.partnerflow.steps;
  exports dev.partnerflow.steps.http;

  // Step config records (SendEmailConfig, WebhookConfig, ...): bound by Jackson, validated by Hibernate Validator,
  // both reflectively.
  opens dev.partnerflow.steps to com.fasterxml.jackson.databind, org.hibernate.validator;

  provides dev.partnerflow.core.nodes.NodeTypeProvider with dev.partnerflow.steps.StandardSteps;
}
