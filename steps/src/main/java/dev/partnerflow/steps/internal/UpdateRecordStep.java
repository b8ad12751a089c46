package dev.partnerflow.steps.internal;

import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.steps.FieldChange;
import dev.partnerflow.steps.RecordUpdate;
import dev.partnerflow.steps.RecordUpdater;
import dev.partnerflow.steps.UpdateRecordConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code update_record}: sets fields on the event's partner, deal or contact through the host's updater. */
public final class UpdateRecordStep implements ActionType<UpdateRecordConfig> {
  public static final int MINUTES_SAVED = 3;

  private final RecordUpdater updater;

  public UpdateRecordStep(RecordUpdater updater) {
    this.updater = updater;
  }

  @Override
  public String name() {
    return "update_record";
  }

  @Override
  public Class<UpdateRecordConfig> configType() {
    return UpdateRecordConfig.class;
  }

  @Override
  public UpdateRecordConfig defaultConfig() {
    return new UpdateRecordConfig("partner", null, Map.of("onboardingStatus", "welcomed"));
  }

  @Override
  public NodeDocumentation documentation() {
    return new NodeDocumentation("Update record",
        "Sets fields on the event's partner, deal or contact in the host application; values may use templates. "
            + "The run records the old and new value of each field where the host reports them.",
        "records", List.of("update the partner record", "mark the deal as reviewed", "set a field on the contact"));
  }

  @Override
  public int minutesSaved() {
    return MINUTES_SAVED;
  }

  @Override
  public StepResult execute(UpdateRecordConfig config, StepContext ctx) {
    String id = recordId(config, ctx);
    Map<String, FieldChange> changes;
    try {
      changes = updater.update(new RecordUpdate(ctx.organizationId(), config.record(), id, config.fields(),
          ctx.idempotencyKey()));
    } catch (StepFailedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw StepFailedException.retryable("node '" + ctx.nodeId() + "' (update_record): the RecordUpdater failed "
          + "for " + config.record() + " '" + id + "': " + e.getClass().getSimpleName(), e);
    }
    Map<String, Object> changeOut = new LinkedHashMap<>();
    config.fields().forEach((field, value) -> {
      FieldChange change = changes == null ? null : changes.get(field);
      Map<String, Object> c = new LinkedHashMap<>();
      if (change != null) {
        change.oldValue().ifPresent(old -> c.put("old", old));
        c.put("new", change.newValue());
      } else {
        c.put("new", value);
      }
      changeOut.put(field, c);
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("record", config.record());
    out.put("recordId", id);
    out.put("changes", changeOut);
    return StepResult.of(out);
  }

  @Override
  public StepResult dryRun(UpdateRecordConfig config, StepContext ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dryRun", true);
    out.put("record", config.record());
    out.put("recordId", recordId(config, ctx));
    out.put("wouldSet", config.fields());
    return StepResult.of(out);
  }

  private static String recordId(UpdateRecordConfig config, StepContext ctx) {
    if (config.recordId() != null && !config.recordId().isBlank()) {
      return config.recordId().trim();
    }
    Object id = ctx.event().value(config.record() + ".id").orElse(null);
    if (id == null || id.toString().isBlank()) {
      throw StepFailedException.permanent("node '" + ctx.nodeId() + "' (update_record): no " + config.record()
          + " id: the event has no " + config.record() + ".id; set 'recordId' in the config");
    }
    return id.toString();
  }
}
