package dev.partnerflow.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.nodes.TriggerType;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SampleEventsTest {
  private static final Instant NOW = Instant.parse("2025-06-02T09:30:00Z");

  @SuppressWarnings("unchecked")
  private static <C> boolean matchesDefault(TriggerType<C> type, Event event) {
    return type.matches(type.defaultConfig(), event);
  }

  @ParameterizedTest
  @EnumSource(PartnerTrigger.class)
  void every_trigger_has_a_sample_for_the_organization_with_a_partner(PartnerTrigger trigger) {
    Event sample = trigger.type().sampleEvent("acme", NOW);

    assertThat(sample.organizationId()).isEqualTo("acme");
    assertThat(sample.type()).isEqualTo(trigger.wireName());
    assertThat(sample.occurredAt()).isEqualTo(NOW);
    assertThat(sample.id()).startsWith("sample-" + trigger.wireName());
    assertThat(sample.value("partner.name")).contains("Northwind Analytics");
    assertThat(sample.value("partner.id")).isPresent();
    assertThat(sample.value("partner.primaryContact.email")).isPresent();
  }

  @ParameterizedTest
  @EnumSource(PartnerTrigger.class)
  void every_sample_matches_its_trigger_with_the_default_config(PartnerTrigger trigger) {
    TriggerType<?> type = trigger.type();

    assertThat(matchesDefault(type, type.sampleEvent("acme", NOW))).isTrue();
  }

  @ParameterizedTest
  @EnumSource(PartnerTrigger.class)
  void samples_carry_the_record_their_trigger_is_about(PartnerTrigger trigger) {
    Event sample = trigger.type().sampleEvent("acme", NOW);

    String key = switch (trigger) {
      case PARTNER_STAGE_CHANGED, PARTNER_TIER_CHANGED -> "change.to";
      case PARTNER_INACTIVE -> "inactiveDays";
      case CONTRACT_RENEWAL_APPROACHING -> "daysUntilRenewal";
      case CONTACT_ADDED_TO_PARTNER -> "contact.email";
      case PARTNER_AGREEMENT_SIGNED -> "agreement.signedAt";
      case PARTNER_CERTIFICATION_COMPLETED -> "certification.holder.name";
      case PARTNER_PAYMENT_MADE -> "payment.amount";
      case DEAL_REGISTERED, DEAL_REGISTRATION_APPROVED, DEAL_REGISTRATION_DECLINED, DEAL_CLOSED_WON,
          DEAL_CLOSED_LOST -> "deal.amount";
      case MDF_REQUEST_SUBMITTED -> "mdfRequest.amount";
      case APPLICATION_SUBMITTED -> "application.applicant.email";
      case PARTNER_CREATED, PARTNER_JOINED_PLATFORM, MANUAL -> "partner.stage";
    };
    assertThat(sample.value(key)).as(key).isPresent();
  }

  @ParameterizedTest
  @EnumSource(PartnerTrigger.class)
  void sample_addresses_use_the_reserved_example_domain(PartnerTrigger trigger) {
    String data = trigger.type().sampleEvent("acme", NOW).data().toString();

    assertThat(data.split("[\\s,{}=]+")).filteredOn(token -> token.contains("@"))
        .allSatisfy(address -> assertThat(address).endsWith(".example"));
  }
}
