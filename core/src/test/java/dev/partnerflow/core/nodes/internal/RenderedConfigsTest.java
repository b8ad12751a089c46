package dev.partnerflow.core.nodes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.nodes.ConfigBinding;
import dev.partnerflow.core.nodes.ConfigViolation;
import dev.partnerflow.core.testing.TestTypes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RenderedConfigsTest {
  private final RenderedConfigs<TestTypes.MailConfig> configs =
      RenderedConfigs.of(TestTypes.MAIL, Set.of("subject", "to"));

  private ConfigBinding<TestTypes.MailConfig> fast(Map<String, Object> rendered) {
    return configs.bind(rendered);
  }

  private ConfigBinding<TestTypes.MailConfig> full(Map<String, Object> rendered) {
    return ConfigBinder.shared().bind(TestTypes.MAIL, rendered);
  }

  @Test
  void valid_rendered_config_binds_to_the_same_record_as_the_full_binder() {
    Map<String, Object> rendered = Map.of("to", List.of("a@example.com"), "subject", "Hi Globex");
    assertThat(fast(rendered)).isEqualTo(full(rendered));
    assertThat(fast(rendered).config()).contains(new TestTypes.MailConfig(List.of("a@example.com"), "Hi Globex", null));
  }

  @Test
  void rendered_values_the_fast_path_cannot_vouch_for_get_the_full_binders_answer() {
    for (Map<String, Object> rendered : List.<Map<String, Object>>of(
        Map.of("to", List.of("a@example.com"), "subject", "   "),
        Map.of("to", List.of(), "subject", "x"),
        Map.of("to", List.of("a@example.com"), "subject", "x", "extra", 1),
        Map.of("to", List.of(1, 2), "subject", "x"),
        Map.of("to", "a@example.com", "subject", "x"))) {
      assertThat(fast(rendered)).as("%s", rendered).isEqualTo(full(rendered));
    }
    assertThat(fast(Map.of("to", List.of(), "subject", "x")).valid()).isFalse();
    assertThat(fast(Map.of("to", List.of("a@example.com"), "subject", " ")).violations())
        .extracting(ConfigViolation::describe).containsExactly("'subject' must not be blank, but was ' '");
  }
}
