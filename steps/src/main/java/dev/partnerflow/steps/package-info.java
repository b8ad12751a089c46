/**
 * The standard action steps ({@link dev.partnerflow.steps.StandardSteps}), their config records and the host
 * interfaces they call: {@link dev.partnerflow.steps.EmailSender} (with {@link dev.partnerflow.steps.SmtpEmailSender}),
 * {@link dev.partnerflow.steps.RecordUpdater}, {@link dev.partnerflow.steps.TrainingAssigner} and
 * {@link dev.partnerflow.steps.PublishedTrainings}. See {@code docs/steps.md}.
 */
package dev.partnerflow.steps;
