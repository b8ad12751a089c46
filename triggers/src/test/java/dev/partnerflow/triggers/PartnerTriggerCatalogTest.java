package dev.partnerflow.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeProvider;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.nodes.TriggerType;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PartnerTriggerCatalogTest {
  private static final List<String> WIRE_NAMES = List.of(
      "partner_created", "partner_joined_platform", "partner_stage_changed", "partner_tier_changed",
      "partner_inactive", "contact_added_to_partner", "partner_agreement_signed", "partner_certification_completed",
      "contract_renewal_approaching", "partner_payment_made", "deal_registered", "deal_registration_approved",
      "deal_registration_declined", "deal_closed_won", "deal_closed_lost", "mdf_request_submitted",
      "application_submitted", "manual");

  @Test
  void catalog_has_exactly_the_18_wire_names_of_the_api_reference() {
    assertThat(Arrays.stream(PartnerTrigger.values()).map(PartnerTrigger::wireName))
        .containsExactlyInAnyOrderElementsOf(WIRE_NAMES);
    assertThat(PartnerTriggerTypes.all()).extracting(NodeType::name).containsExactlyInAnyOrderElementsOf(WIRE_NAMES);
  }

  @Test
  void service_loader_finds_the_provider_with_all_18_trigger_types() {
    // on the module path a module may only load services it declares to use; this module only provides one
    getClass().getModule().addUses(NodeTypeProvider.class);
    List<NodeTypeProvider> providers = ServiceLoader.load(NodeTypeProvider.class).stream()
        .map(ServiceLoader.Provider::get).toList();

    assertThat(providers).hasAtLeastOneElementOfType(PartnerTriggerTypes.class);
    PartnerTriggerTypes provider = (PartnerTriggerTypes) providers.stream()
        .filter(PartnerTriggerTypes.class::isInstance).findFirst().orElseThrow();
    assertThat(provider.nodeTypes()).hasSize(18)
        .allSatisfy(type -> assertThat(type.kind()).isEqualTo(NodeKind.TRIGGER))
        .extracting(NodeType::name).containsExactlyInAnyOrderElementsOf(WIRE_NAMES);
    assertThat(NodeTypeRegistry.discover().names()).containsAll(WIRE_NAMES);
  }

  @ParameterizedTest
  @EnumSource(PartnerTrigger.class)
  void each_constant_is_backed_by_a_trigger_type_of_the_same_name_and_documentation(PartnerTrigger trigger) {
    TriggerType<?> type = trigger.type();

    assertThat(type.name()).isEqualTo(trigger.wireName());
    assertThat(type.documentation()).isEqualTo(trigger.documentation());
    assertThat(type.documentation().description()).isNotBlank();
    assertThat(type.documentation().examplePhrases()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(type.defaultConfig()).isInstanceOf(type.configType());
    assertThat(PartnerTrigger.fromWireName(trigger.wireName())).isSameAs(trigger);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      partner_created                 | Partner Created                 | partner lifecycle
      partner_joined_platform         | Partner Joined Platform         | partner lifecycle
      partner_stage_changed           | Partner Stage Changed           | partner lifecycle
      partner_tier_changed            | Partner Tier Changed            | partner lifecycle
      partner_inactive                | Partner Inactive (X Days)       | partner lifecycle
      contact_added_to_partner        | Contact Added to Partner        | partner lifecycle
      partner_agreement_signed        | Partner Agreement Signed        | partner lifecycle
      partner_certification_completed | Partner Certification Completed | partner lifecycle
      contract_renewal_approaching    | Contract Renewal Approaching    | partner lifecycle
      partner_payment_made            | Partner Payment Made            | partner lifecycle
      deal_registered                 | Deal Registered                 | deal
      deal_registration_approved      | Deal Registration Approved      | deal
      deal_registration_declined      | Deal Registration Declined      | deal
      deal_closed_won                 | Deal Closed Won                 | deal
      deal_closed_lost                | Deal Closed Lost                | deal
      mdf_request_submitted           | MDF Request Submitted           | other
      application_submitted           | Application Submitted           | other
      manual                          | Manual Trigger                  | other
      """)
  void display_names_and_groups_follow_the_guide(String wireName, String displayName, String group) {
    PartnerTrigger trigger = PartnerTrigger.fromWireName(wireName);

    assertThat(trigger.displayName()).isEqualTo(displayName);
    assertThat(trigger.documentation().displayName()).isEqualTo(displayName);
    assertThat(trigger.documentation().group()).isEqualTo(group);
    assertThat(trigger.group().label()).isEqualTo(group);
  }

  @Test
  void config_types_are_transitions_for_stage_and_tier_days_for_inactive_and_renewal_and_none_otherwise() {
    for (PartnerTrigger trigger : PartnerTrigger.values()) {
      Class<?> expected = switch (trigger) {
        case PARTNER_STAGE_CHANGED, PARTNER_TIER_CHANGED -> TransitionConfig.class;
        case PARTNER_INACTIVE, CONTRACT_RENEWAL_APPROACHING -> DaysConfig.class;
        default -> NoConfig.class;
      };
      assertThat(trigger.type().configType()).as(trigger.wireName()).isEqualTo(expected);
    }
    assertThat(PartnerTrigger.PARTNER_INACTIVE.type().defaultConfig()).isEqualTo(DaysConfig.of(30));
    assertThat(PartnerTrigger.PARTNER_STAGE_CHANGED.type().defaultConfig()).isEqualTo(TransitionConfig.ANY);
  }

  @Test
  void unknown_wire_name_is_rejected_listing_the_known_ones() {
    assertThatThrownBy(() -> PartnerTrigger.fromWireName("partner_deleted"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("trigger must be one of [partner_created, ")
        .hasMessageEndingWith("but was 'partner_deleted'");
    assertThatThrownBy(() -> PartnerTrigger.fromWireName("DEAL_REGISTERED"))
        .hasMessageContaining("wire names are lower snake case");
    assertThatThrownBy(() -> PartnerTrigger.fromWireName(null)).hasMessageEndingWith("but was null");
  }
}
