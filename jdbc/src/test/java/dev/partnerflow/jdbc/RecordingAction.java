package dev.partnerflow.jdbc;

import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepResult;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An action that records its calls. Name "record_call". */
final class RecordingAction implements ActionType<RecordingAction.Config> {
  record Config(@NotBlank String message) {}

  final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public String name() {
    return "record_call";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config("hello");
  }

  @Override
  public NodeDocumentation documentation() {
    return new NodeDocumentation("Record call", "test action", "test", List.of());
  }

  @Override
  public StepResult execute(Config config, StepContext ctx) {
    calls.add(ctx.idempotencyKey() + " " + config.message());
    return StepResult.of(Map.of("sent", config.message()));
  }

  @Override
  public StepResult dryRun(Config config, StepContext ctx) {
    return StepResult.of(Map.of("wouldSend", config.message()));
  }
}
