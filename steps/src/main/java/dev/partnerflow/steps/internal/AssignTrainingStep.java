package dev.partnerflow.steps.internal;

import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.steps.AssignTrainingConfig;
import dev.partnerflow.steps.TrainingAssigner;
import dev.partnerflow.steps.TrainingAssignment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code assign_training}: assigns a training module to the event partner's contacts. */
public final class AssignTrainingStep implements ActionType<AssignTrainingConfig> {
  public static final int MINUTES_SAVED = 5;

  private final TrainingAssigner assigner;

  public AssignTrainingStep(TrainingAssigner assigner) {
    this.assigner = assigner;
  }

  @Override
  public String name() {
    return "assign_training";
  }

  @Override
  public Class<AssignTrainingConfig> configType() {
    return AssignTrainingConfig.class;
  }

  @Override
  public AssignTrainingConfig defaultConfig() {
    return new AssignTrainingConfig("", "all", null);
  }

  @Override
  public NodeDocumentation documentation() {
    return new NodeDocumentation("Assign training",
        "Assigns a published training module of the organization to the partner's contacts (all of them or the "
            + "primary contact), optionally with a due date in days.",
        "enablement", List.of("assign onboarding training", "enroll the partner in a course",
            "give the new contacts the certification module"));
  }

  @Override
  public int minutesSaved() {
    return MINUTES_SAVED;
  }

  @Override
  public StepResult execute(AssignTrainingConfig config, StepContext ctx) {
    TrainingAssignment assignment = assignment(config, ctx);
    List<String> assigned;
    try {
      assigned = assigner.assign(assignment);
    } catch (StepFailedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw StepFailedException.retryable("node '" + ctx.nodeId() + "' (assign_training): the TrainingAssigner "
          + "failed for training '" + config.trainingId() + "': " + e.getClass().getSimpleName(), e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("trainingId", config.trainingId());
    out.put("partnerId", assignment.partnerId());
    out.put("assignedTo", assigned == null ? List.of() : List.copyOf(assigned));
    return StepResult.of(out);
  }

  @Override
  public StepResult dryRun(AssignTrainingConfig config, StepContext ctx) {
    TrainingAssignment assignment = assignment(config, ctx);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dryRun", true);
    out.put("trainingId", config.trainingId());
    out.put("partnerId", assignment.partnerId());
    out.put("contacts", config.contacts());
    assignment.dueInDays().ifPresent(d -> out.put("dueInDays", d));
    return StepResult.of(out);
  }

  private static TrainingAssignment assignment(AssignTrainingConfig config, StepContext ctx) {
    Object partnerId = ctx.event().value("partner.id").orElse(null);
    if (partnerId == null) {
      throw StepFailedException.permanent("node '" + ctx.nodeId() + "' (assign_training): the event has no "
          + "partner.id, so there are no partner contacts to assign training '" + config.trainingId() + "' to");
    }
    return new TrainingAssignment(ctx.organizationId(), partnerId.toString(), config.trainingId(), config.contacts(),
        Optional.ofNullable(config.dueInDays()), ctx.idempotencyKey());
  }
}
