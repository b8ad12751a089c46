package dev.partnerflow.core.testing;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeProvider;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.core.nodes.TriggerType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small trigger and action types for core's own tests (the real ones live in triggers and steps). */
public final class TestTypes implements NodeTypeProvider {
  public record NoConfig() {}

  public record DaysConfig(@Min(1) @Max(3650) Integer days) {
    public DaysConfig {
      days = days == null ? 30 : days;
    }
  }

  public record MailConfig(@NotEmpty List<String> to, @NotBlank String subject, String text) {}

  public static final TriggerType<NoConfig> CREATED = new Trigger<>("partner_created", NoConfig.class, new NoConfig());
  public static final TriggerType<NoConfig> MANUAL = new Trigger<>("manual", NoConfig.class, new NoConfig());
  public static final TriggerType<DaysConfig> INACTIVE =
      new Trigger<>("partner_inactive", DaysConfig.class, new DaysConfig(30));
  public static final ActionType<MailConfig> MAIL = new Mail();

  @Override
  public Collection<NodeType<?>> nodeTypes() {
    return List.of(CREATED, MANUAL, INACTIVE, MAIL);
  }

  public static NodeTypeRegistry registry() {
    return NodeTypeRegistry.builder().add(new TestTypes()).build();
  }

  private record Trigger<C>(String name, Class<C> configType, C defaultConfig) implements TriggerType<C> {
    @Override
    public NodeDocumentation documentation() {
      return new NodeDocumentation(name, "test trigger", "test", List.of());
    }

    @Override
    public Event sampleEvent(String organizationId, Instant now) {
      return new Event("sample", organizationId, name, now, Map.of("partner", Map.of("id", "p-1")));
    }

    /** The stub sample says nothing about real event data: placeholders of core's tests are not checked. */
    @Override
    public Set<String> knownDataPaths() {
      return Set.of();
    }
  }

  private static final class Mail implements ActionType<MailConfig> {
    @Override
    public String name() {
      return "send_email";
    }

    @Override
    public Class<MailConfig> configType() {
      return MailConfig.class;
    }

    @Override
    public MailConfig defaultConfig() {
      return new MailConfig(List.of("role:primary_contact"), "Hello", "");
    }

    @Override
    public NodeDocumentation documentation() {
      return new NodeDocumentation("Send email", "test mail", "messaging", List.of());
    }

    @Override
    public StepResult execute(MailConfig config, StepContext context) {
      return StepResult.of(Map.of("sentTo", config.to()));
    }
  }
}
