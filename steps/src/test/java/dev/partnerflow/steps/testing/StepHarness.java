package dev.partnerflow.steps.testing;

import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.ConfigBinding;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.core.template.ConfigTemplate;
import java.util.Map;

/** Does for one step what the engine does: compile the config's templates, render, bind, validate, execute. */
public final class StepHarness {
  private static final NodeTypeRegistry REGISTRY = NodeTypeRegistry.builder().build();

  private StepHarness() {}

  public static <C> C bind(ActionType<C> type, Map<String, Object> config, TestStepContext ctx) {
    ConfigTemplate template = ConfigTemplate.compile(ctx.nodeId(), config, type.htmlFields(), type.headerFields());
    Map<String, Object> rendered = template.render(ctx.templateContext());
    ConfigBinding<C> binding = REGISTRY.bind(type, rendered);
    if (binding.config().isEmpty()) {
      throw new AssertionError("config does not bind: " + binding.violations());
    }
    return binding.config().get();
  }

  public static <C> StepResult execute(ActionType<C> type, Map<String, Object> config, TestStepContext ctx) {
    return type.execute(bind(type, config, ctx), ctx);
  }

  public static <C> StepResult dryRun(ActionType<C> type, Map<String, Object> config, TestStepContext ctx) {
    return type.dryRun(bind(type, config, ctx), ctx);
  }
}
