package dev.partnerflow.core.engine;

import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepFailedException;
import dev.partnerflow.core.nodes.StepResult;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An action type whose outcomes a test scripts, recording every call. Name "notify". */
final class ScriptedAction implements ActionType<ScriptedAction.Config> {
  record Config(@NotBlank String message, String secret) {}

  record Call(String nodeId, int attempt, String idempotencyKey, String message, boolean testRun) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Deque<Function<StepContext, StepResult>> script = new ArrayDeque<>();

  /** Next calls fail with these exceptions, in order; afterwards calls succeed. */
  synchronized ScriptedAction thenFail(RuntimeException... failures) {
    for (RuntimeException f : failures) {
      script.add(ctx -> {
        throw f;
      });
    }
    return this;
  }

  synchronized ScriptedAction then(Function<StepContext, StepResult> behaviour) {
    script.add(behaviour);
    return this;
  }

  @Override
  public String name() {
    return "notify";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config("hello", null);
  }

  @Override
  public NodeDocumentation documentation() {
    return new NodeDocumentation("Notify", "test action", "test", List.of());
  }

  @Override
  public int minutesSaved() {
    return 5;
  }

  @Override
  public Set<String> secretFields() {
    return Set.of("secret");
  }

  @Override
  public Set<String> headerFields() {
    return Set.of("message");
  }

  @Override
  public StepResult execute(Config config, StepContext ctx) {
    calls.add(new Call(ctx.nodeId(), ctx.attempt(), ctx.idempotencyKey(), config.message(), ctx.testRun()));
    Function<StepContext, StepResult> next;
    synchronized (this) {
      next = script.poll();
    }
    if (next != null) {
      return next.apply(ctx);
    }
    return StepResult.of(Map.of("sent", config.message()));
  }

  @Override
  public StepResult dryRun(Config config, StepContext ctx) {
    return StepResult.of(Map.of("wouldSend", config.message()));
  }

  static StepFailedException retryable(String m) {
    return StepFailedException.retryable(m);
  }
}
