package dev.partnerflow.steps.internal;

import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.steps.RecordUpdater;
import dev.partnerflow.steps.TrainingAssigner;

/** Host interfaces that were not configured: every call fails permanently and says how to configure one. */
public final class Unconfigured {
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
