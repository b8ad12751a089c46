package dev.partnerflow.steps.internal;

import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.steps.EmailSender;
import dev.partnerflow.steps.RecordUpdater;
import dev.partnerflow.steps.TrainingAssigner;

/**
 * Host interfaces that were not configured: every call fails permanently and says how to configure one. Nothing
 * here pretends to have done the work, so a run never records a side effect that did not happen.
 * {@link CollaboratorCheck} reports the same at activation.
 */
public final class Unconfigured {
  public static final String EMAIL_SENDER_FIX = "configure one with StandardSteps.builder().emailSender(...) "
      + "(SmtpEmailSender ships) and add that StandardSteps to the engine with WorkflowEngine.builder().nodeTypes(...)";
  public static final String RECORD_UPDATER_FIX = "configure one with StandardSteps.builder().recordUpdater(...) "
      + "and add that StandardSteps to the engine with WorkflowEngine.builder().nodeTypes(...)";
  public static final String TRAINING_ASSIGNER_FIX = "configure one with StandardSteps.builder().trainingAssigner(...) "
      + "and add that StandardSteps to the engine with WorkflowEngine.builder().nodeTypes(...)";

  public static final EmailSender EMAIL_SENDER = message -> {
    throw StepFailedException.permanent("send_email cannot run: no EmailSender configured, so nothing was sent; "
        + EMAIL_SENDER_FIX);
  };

  public static final RecordUpdater RECORD_UPDATER = update -> {
    throw StepFailedException.permanent("update_record cannot run: no RecordUpdater configured; pass one to "
        + "StandardSteps.builder().recordUpdater(...) and add that provider to the engine");
  };

  public static final TrainingAssigner TRAINING_ASSIGNER = assignment -> {
    throw StepFailedException.permanent("assign_training cannot run: no TrainingAssigner configured; pass one to "
        + "StandardSteps.builder().trainingAssigner(...) and add that provider to the engine");
  };

  private Unconfigured() {}
}
