package dev.partnerflow.core.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.ConfigViolation;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepResult;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigBinderSecretsTest {
  public record HookConfig(
      @Pattern(regexp = "https://.*", message = "must be an https URL") String url,
      @Size(min = 16, max = 500, message = "must be 16 to 500 characters long") String signingSecret,
      Integer retries) {}

  static final class Hook implements ActionType<HookConfig> {
    @Override
    public String name() {
      return "hook";
    }

    @Override
    public Class<HookConfig> configType() {
      return HookConfig.class;
    }

    @Override
    public HookConfig defaultConfig() {
      return new HookConfig("https://x.example", null, null);
    }

    @Override
    public NodeDocumentation documentation() {
      return new NodeDocumentation("Hook", "test", "test", List.of());
    }

    @Override
    public StepResult execute(HookConfig config, StepContext context) {
      return StepResult.EMPTY;
    }

    @Override
    public Set<String> secretFields() {
      return Set.of("url", "signingSecret");
    }
  }

  @Test
  void a_violation_of_a_secret_field_says_how_long_the_value_was_but_never_shows_it() {
    List<ConfigViolation> violations = ConfigBinder.shared().bind(new Hook(),
        Map.of("url", "http://crm.example/hook?token=tok-123456", "signingSecret", "shhh-15-chars!!")).violations();

    assertThat(violations).extracting(ConfigViolation::describe).containsExactly(
        "'signingSecret' must be 16 to 500 characters long, but was a value of 15 characters (secret, not shown)",
        "'url' must be an https URL, but was a value of 40 characters (secret, not shown)");
  }

  @Test
  void a_binding_error_elsewhere_does_not_echo_a_secret_either() {
    List<ConfigViolation> violations = ConfigBinder.shared().bind(new Hook(),
        Map.of("url", List.of("https://crm.example/hook?token=tok-123456"), "signingSecret", "0123456789abcdefXYZ"))
        .violations();

    assertThat(violations).hasSize(1);
    assertThat(violations.get(0).describe()).startsWith("'url' must be a string").doesNotContain("tok-123456");
  }

  @Test
  void values_of_other_fields_are_still_shown() {
    List<ConfigViolation> violations = ConfigBinder.shared().bind(new Hook(),
        Map.of("url", "https://ok.example", "retries", "many")).violations();

    assertThat(violations).extracting(ConfigViolation::describe).containsExactly(
        "'retries' must be a whole number, but was 'many'");
  }
}
