package dev.partnerflow.triggers;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An action that records the event of every run it executes in (test stand-in for "send an email"). */
final class Recorder implements ActionType<Recorder.Config> {
  record Config(String note) {}

  record Seen(String workflowId, Event event, Instant at) {}

  final List<Seen> seen = new CopyOnWriteArrayList<>();

  @Override
  public String name() {
    return "record";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config("");
  }

  @Override
  public NodeDocumentation documentation() {
    return new NodeDocumentation("Record", "records the event", "test", List.of());
  }

  @Override
  public StepResult execute(Config config, StepContext context) {
    seen.add(new Seen(context.workflowId(), context.event(), context.clock().instant()));
    return StepResult.of(Map.of("ok", true));
  }
}
