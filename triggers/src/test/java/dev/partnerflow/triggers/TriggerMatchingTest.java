package dev.partnerflow.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.nodes.TriggerType;
import dev.partnerflow.triggers.payload.Partner;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TriggerMatchingTest {
  private static final Instant NOW = Instant.parse("2025-06-02T09:30:00Z");
  private static final Partner PARTNER = Partner.builder("p-1", "Northwind Analytics").stage("Active").build();

  @SuppressWarnings("unchecked")
  private static <C> boolean matches(PartnerTrigger trigger, C config, Event event) {
    return ((TriggerType<C>) trigger.type()).matches(config, event);
  }

  private static Event stageChange(String from, String to) {
    return PartnerEvents.partnerStageChanged("e-1", "acme", NOW, PARTNER, from, to);
  }

  @Test
  void stage_change_without_filters_matches_any_change() {
    assertThat(matches(PartnerTrigger.PARTNER_STAGE_CHANGED, TransitionConfig.ANY, stageChange("Onboarding", "Active")))
        .isTrue();
    assertThat(matches(PartnerTrigger.PARTNER_STAGE_CHANGED, TransitionConfig.ANY, stageChange(null, "Recruit")))
        .isTrue();
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", textBlock = """
      Onboarding, Active,     true
      onboarding, ACTIVE,     true
      ' Onboarding ', active, true
      null,       Active,     true
      Onboarding, null,       true
      Recruit,    Active,     false
      Onboarding, Churned,    false
      null,       Churned,    false
      """)
  void stage_change_filters_compare_from_and_to_ignoring_case_and_blanks(String from, String to, boolean expected) {
    TransitionConfig config = new TransitionConfig(from, to);

    assertThat(matches(PartnerTrigger.PARTNER_STAGE_CHANGED, config, stageChange("Onboarding", "Active")))
        .isEqualTo(expected);
  }

  @Test
  void from_filter_does_not_match_a_change_with_no_previous_value() {
    assertThat(matches(PartnerTrigger.PARTNER_STAGE_CHANGED, TransitionConfig.outOf("Recruit"),
        stageChange(null, "Onboarding"))).isFalse();
  }

  @Test
  void tier_change_filters_work_like_stage_change_filters() {
    Event upgrade = PartnerEvents.partnerTierChanged("e-2", "acme", NOW, PARTNER, "Silver", "Gold");

    assertThat(matches(PartnerTrigger.PARTNER_TIER_CHANGED, TransitionConfig.into("gold"), upgrade)).isTrue();
    assertThat(matches(PartnerTrigger.PARTNER_TIER_CHANGED, TransitionConfig.between("Silver", "Gold"), upgrade))
        .isTrue();
    assertThat(matches(PartnerTrigger.PARTNER_TIER_CHANGED, TransitionConfig.into("Platinum"), upgrade)).isFalse();
    assertThat(matches(PartnerTrigger.PARTNER_TIER_CHANGED, TransitionConfig.outOf("Gold"), upgrade)).isFalse();
  }

  @Test
  void a_stage_change_does_not_match_the_tier_trigger() {
    assertThat(matches(PartnerTrigger.PARTNER_TIER_CHANGED, TransitionConfig.ANY, stageChange("Onboarding", "Active")))
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(PartnerTrigger.class)
  void an_event_of_another_type_never_matches(PartnerTrigger trigger) {
    Event other = new Event("e-9", "acme", "something_else", NOW, Map.of("partner", PARTNER.toMap()));

    assertThat(matches(trigger, trigger.type().defaultConfig(), other)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(textBlock = """
      59,  60, false
      60,  60, true
      75,  60, true
      30,  30, true
      3650, 3650, true
      """)
  void partner_inactive_matches_when_quiet_for_at_least_the_configured_days(int inactiveDays, int configured,
                                                                             boolean expected) {
    Event event = PartnerEvents.partnerInactive("e-3", "acme", NOW, PARTNER, inactiveDays);

    assertThat(matches(PartnerTrigger.PARTNER_INACTIVE, DaysConfig.of(configured), event)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(textBlock = """
      29, 30, false
      30, 30, true
      31, 30, false
      200, 30, false
      7, 7, true
      """)
  void contract_renewal_matches_only_on_exactly_the_configured_days_before(int daysUntilRenewal, int configured,
                                                                           boolean expected) {
    Event event = PartnerEvents.contractRenewalApproaching("e-4", "acme", NOW, PARTNER, daysUntilRenewal);

    assertThat(matches(PartnerTrigger.CONTRACT_RENEWAL_APPROACHING, DaysConfig.of(configured), event))
        .isEqualTo(expected);
  }

  @Test
  void day_triggers_do_not_match_events_without_a_numeric_day_count() {
    Event noDays = new Event("e-5", "acme", "partner_inactive", NOW, Map.of("partner", PARTNER.toMap()));
    Event textDays = new Event("e-6", "acme", "contract_renewal_approaching", NOW,
        Map.of("partner", PARTNER.toMap(), "daysUntilRenewal", "30"));

    assertThat(matches(PartnerTrigger.PARTNER_INACTIVE, DaysConfig.DEFAULT, noDays)).isFalse();
    assertThat(matches(PartnerTrigger.CONTRACT_RENEWAL_APPROACHING, DaysConfig.DEFAULT, textDays)).isFalse();
  }

  @Test
  void day_counts_from_hand_built_events_may_be_any_number_type() {
    Event longDays = new Event("e-7", "acme", "partner_inactive", NOW, Map.of("inactiveDays", 90L));

    assertThat(matches(PartnerTrigger.PARTNER_INACTIVE, DaysConfig.of(60), longDays)).isTrue();
  }

  @Test
  void a_null_config_is_treated_as_the_default() {
    Event thirtyDays = PartnerEvents.partnerInactive("e-8", "acme", NOW, PARTNER, 30);

    assertThat(matches(PartnerTrigger.PARTNER_INACTIVE, null, thirtyDays)).isTrue();
    assertThat(matches(PartnerTrigger.PARTNER_STAGE_CHANGED, null, stageChange("A", "B"))).isTrue();
  }

  @Test
  void triggers_without_config_match_every_event_of_their_type() {
    Event created = PartnerEvents.partnerCreated("e-10", "acme", NOW, PARTNER);

    assertThat(matches(PartnerTrigger.PARTNER_CREATED, NoConfig.INSTANCE, created)).isTrue();
    assertThat(matches(PartnerTrigger.DEAL_REGISTERED, NoConfig.INSTANCE, created)).isFalse();
  }
}
