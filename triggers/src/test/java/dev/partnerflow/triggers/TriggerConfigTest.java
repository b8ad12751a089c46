package dev.partnerflow.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.partnerflow.core.internal.Json;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TriggerConfigTest {
  private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
      .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
  private static final Validator VALIDATOR = FACTORY.getValidator();

  @AfterAll
  static void close() {
    FACTORY.close();
  }

  private static <C> C bind(Map<String, ?> config, Class<C> type) {
    return Json.MAPPER.convertValue(config, type);
  }

  @Test
  void days_default_to_30_when_absent_or_null() {
    assertThat(DaysConfig.DEFAULT_DAYS).isEqualTo(30);
    assertThat(DaysConfig.DEFAULT.days()).isEqualTo(30);
    assertThat(new DaysConfig(null).days()).isEqualTo(30);
    assertThat(bind(Map.of(), DaysConfig.class).days()).isEqualTo(30);
  }

  @Test
  void days_bind_from_json_config() throws Exception {
    assertThat(Json.MAPPER.readValue("{\"days\": 60}", DaysConfig.class)).isEqualTo(DaysConfig.of(60));
  }

  @Test
  void days_given_as_a_string_are_refused_by_the_strict_mapper() {
    assertThatThrownBy(() -> Json.MAPPER.readValue("{\"days\": \"60\"}", DaysConfig.class))
        .isInstanceOf(MismatchedInputException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 30, 60, 3650})
  void days_between_1_and_3650_are_valid(int days) {
    assertThat(VALIDATOR.validate(DaysConfig.of(days))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {-5, 0, 3651, 100_000})
  void days_outside_1_to_3650_are_one_violation_on_days(int days) {
    Set<ConstraintViolation<DaysConfig>> violations = VALIDATOR.validate(DaysConfig.of(days));

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.getPropertyPath()).hasToString("days");
      assertThat(v.getInvalidValue()).isEqualTo(days);
      assertThat(v.getMessage()).containsAnyOf("greater than or equal to 1", "less than or equal to 3650");
    });
  }

  @Test
  void no_config_binds_from_an_empty_object_and_writes_as_one() throws Exception {
    assertThat(Json.MAPPER.readValue("{}", NoConfig.class)).isEqualTo(NoConfig.INSTANCE);
    assertThat(Json.toMap(NoConfig.INSTANCE)).isEmpty();
  }

  @Test
  void no_config_rejects_unknown_fields_naming_them() {
    assertThatThrownBy(() -> Json.MAPPER.readValue("{\"foo\": 1}", NoConfig.class))
        .isInstanceOf(UnrecognizedPropertyException.class)
        .hasMessageContaining("\"foo\"");
  }

  @Test
  void days_config_and_transition_config_reject_unknown_fields() {
    assertThatThrownBy(() -> bind(Map.of("day", 60), DaysConfig.class)).hasMessageContaining("\"day\"");
    assertThatThrownBy(() -> bind(Map.of("fromStage", "Active"), TransitionConfig.class))
        .hasMessageContaining("\"fromStage\"");
  }

  @Test
  void transition_filters_bind_trimmed_and_blank_means_any() {
    TransitionConfig config = bind(Map.of("from", "  Onboarding ", "to", " "), TransitionConfig.class);

    assertThat(config).isEqualTo(TransitionConfig.outOf("Onboarding"));
    assertThat(config.to()).isNull();
    assertThat(bind(Map.of(), TransitionConfig.class)).isEqualTo(TransitionConfig.ANY);
  }

  @Test
  void transition_config_round_trips_through_json_without_nulls() {
    assertThat(Json.toMap(TransitionConfig.into("Gold"))).containsExactly(Map.entry("to", "Gold"));
    assertThat(Json.toMap(DaysConfig.of(45))).containsExactly(Map.entry("days", 45));
  }

  @Test
  void overlong_transition_filter_is_a_violation() {
    assertThat(VALIDATOR.validate(TransitionConfig.into("x".repeat(TransitionConfig.MAX_LENGTH + 1)))).hasSize(1);
    assertThat(VALIDATOR.validate(TransitionConfig.between("Onboarding", "Active"))).isEmpty();
  }
}
