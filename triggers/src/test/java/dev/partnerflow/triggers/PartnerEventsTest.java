package dev.partnerflow.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.triggers.payload.Agreement;
import dev.partnerflow.triggers.payload.Application;
import dev.partnerflow.triggers.payload.Certification;
import dev.partnerflow.triggers.payload.Deal;
import dev.partnerflow.triggers.payload.MdfRequest;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Payment;
import dev.partnerflow.triggers.payload.Person;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartnerEventsTest {
  private static final Instant NOW = Instant.parse("2025-06-02T09:30:00Z");
  private static final Person DANA = Person.of("Dana Whitaker", "dana@northwind.example");
  private static final Partner PARTNER = Partner.builder("p-1", "Northwind Analytics")
      .stage("Active").tier("Gold")
      .primaryContact(DANA)
      .partnerManager(Person.of("Priya Raman", "priya@vendor.example"))
      .website("https://northwind.example").country("US")
      .lastActivityAt(Instant.parse("2025-04-01T12:00:00Z"))
      .contractRenewalDate(LocalDate.of(2025, 7, 2))
      .customField("region", "EMEA")
      .build();
  private static final Deal DEAL = Deal.builder("d-1").name("Contoso rollout").amount(new BigDecimal("120000.00"))
      .currency("USD").stage("Registered").closeDate(LocalDate.of(2025, 9, 30)).customer("Contoso Ltd").build();

  @Test
  void partner_created_carries_the_partner_map_with_stable_keys_and_iso_dates() {
    Event event = PartnerEvents.partnerCreated("e-1", "acme", NOW, PARTNER);

    assertThat(event.id()).isEqualTo("e-1");
    assertThat(event.organizationId()).isEqualTo("acme");
    assertThat(event.type()).isEqualTo("partner_created");
    assertThat(event.occurredAt()).isEqualTo(NOW);
    assertThat(event.data()).containsOnlyKeys("partner");
    assertThat(event.data().get("partner")).isEqualTo(Map.ofEntries(
        entry("id", "p-1"), entry("name", "Northwind Analytics"), entry("stage", "Active"), entry("tier", "Gold"),
        entry("primaryContact", Map.of("name", "Dana Whitaker", "email", "dana@northwind.example")),
        entry("partnerManager", Map.of("name", "Priya Raman", "email", "priya@vendor.example")),
        entry("website", "https://northwind.example"), entry("country", "US"),
        entry("lastActivityAt", "2025-04-01T12:00:00Z"), entry("contractRenewalDate", "2025-07-02"),
        entry("customFields", Map.of("region", "EMEA"))));
  }

  @Test
  void null_partner_fields_are_left_out_of_the_data() {
    Event event = PartnerEvents.partnerCreated("e-1", "acme", NOW, Partner.builder("p-2", "Globex").build());

    assertThat(event.data().get("partner")).isEqualTo(Map.of("id", "p-2", "name", "Globex"));
  }

  @Test
  void stage_and_tier_changes_carry_from_and_to() {
    Event stage = PartnerEvents.partnerStageChanged("e-2", "acme", NOW, PARTNER, "Onboarding", "Active");
    Event tier = PartnerEvents.partnerTierChanged("e-3", "acme", NOW, PARTNER, null, " Gold ");

    assertThat(stage.type()).isEqualTo("partner_stage_changed");
    assertThat(stage.data()).containsKeys("partner")
        .containsEntry("change", Map.of("from", "Onboarding", "to", "Active"));
    assertThat(tier.type()).isEqualTo("partner_tier_changed");
    assertThat(tier.data()).containsEntry("change", Map.of("to", "Gold"));
  }

  @Test
  void day_triggers_carry_their_day_count_as_a_number() {
    Event inactive = PartnerEvents.partnerInactive("e-4", "acme", NOW, PARTNER, 62);
    Event renewal = PartnerEvents.contractRenewalApproaching("e-5", "acme", NOW, PARTNER, 30);

    assertThat(inactive.data()).containsEntry("inactiveDays", 62);
    assertThat(inactive.value("partner.lastActivityAt")).contains("2025-04-01T12:00:00Z");
    assertThat(renewal.data()).containsEntry("daysUntilRenewal", 30);
    assertThat(renewal.value("partner.contractRenewalDate")).contains("2025-07-02");
  }

  @Test
  void deal_events_carry_the_deal_with_a_numeric_amount() {
    Event registered = PartnerEvents.dealRegistered("e-6", "acme", NOW, PARTNER, DEAL);

    assertThat(registered.type()).isEqualTo("deal_registered");
    assertThat(registered.data()).containsOnlyKeys("partner", "deal");
    assertThat(registered.data().get("deal")).isEqualTo(Map.of(
        "id", "d-1", "name", "Contoso rollout", "amount", new BigDecimal("120000"), "currency", "USD",
        "stage", "Registered", "closeDate", "2025-09-30", "customer", "Contoso Ltd"));
    assertThat(registered.value("deal.amount")).get().isInstanceOf(Number.class);
  }

  @Test
  void each_deal_factory_uses_its_own_type() {
    assertThat(PartnerEvents.dealRegistrationApproved("e", "acme", NOW, PARTNER, DEAL).type())
        .isEqualTo("deal_registration_approved");
    assertThat(PartnerEvents.dealRegistrationDeclined("e", "acme", NOW, PARTNER, DEAL).type())
        .isEqualTo("deal_registration_declined");
    assertThat(PartnerEvents.dealClosedWon("e", "acme", NOW, PARTNER, DEAL).type()).isEqualTo("deal_closed_won");
    assertThat(PartnerEvents.dealClosedLost("e", "acme", NOW, PARTNER, DEAL).type()).isEqualTo("deal_closed_lost");
    assertThat(PartnerEvents.partnerJoinedPlatform("e", "acme", NOW, PARTNER).type())
        .isEqualTo("partner_joined_platform");
  }

  @Test
  void contact_agreement_certification_payment_mdf_and_application_are_under_their_own_keys() {
    Person luis = Person.builder().id("c-7").name("Luis Ortega").email("luis@northwind.example")
        .title("Solutions Engineer").build();

    assertThat(PartnerEvents.contactAddedToPartner("e", "acme", NOW, PARTNER, luis).data())
        .containsEntry("contact", Map.of("id", "c-7", "name", "Luis Ortega", "email", "luis@northwind.example",
            "title", "Solutions Engineer"));
    assertThat(PartnerEvents.partnerAgreementSigned("e", "acme", NOW, PARTNER,
        new Agreement("ag-1", "Reseller Agreement", NOW, DANA, LocalDate.of(2026, 6, 30))).data())
        .containsEntry("agreement", Map.of("id", "ag-1", "name", "Reseller Agreement",
            "signedAt", "2025-06-02T09:30:00Z", "signedBy", DANA.toMap(), "expiresOn", "2026-06-30"));
    assertThat(PartnerEvents.partnerCertificationCompleted("e", "acme", NOW, PARTNER,
        new Certification("cert-1", "Architect", luis, NOW, null)).data())
        .containsEntry("certification", Map.of("id", "cert-1", "name", "Architect", "holder", luis.toMap(),
            "completedAt", "2025-06-02T09:30:00Z"));
    assertThat(PartnerEvents.partnerPaymentMade("e", "acme", NOW, PARTNER,
        new Payment("pay-1", new BigDecimal("4500.50"), "USD", NOW, "Q2 commission")).data())
        .containsEntry("payment", Map.of("id", "pay-1", "amount", new BigDecimal("4500.5"), "currency", "USD",
            "paidAt", "2025-06-02T09:30:00Z", "description", "Q2 commission"));
    assertThat(PartnerEvents.mdfRequestSubmitted("e", "acme", NOW, PARTNER,
        new MdfRequest("mdf-1", "Webinars", new BigDecimal("15000"), "USD", null, NOW, DANA)).data())
        .containsEntry("mdfRequest", Map.of("id", "mdf-1", "name", "Webinars", "amount", new BigDecimal("15000"),
            "currency", "USD", "submittedAt", "2025-06-02T09:30:00Z", "submittedBy", DANA.toMap()));
    assertThat(PartnerEvents.applicationSubmitted("e", "acme", NOW, PARTNER,
        new Application("app-1", "Reseller Program", DANA, NOW, "Hello")).data())
        .containsEntry("application", Map.of("id", "app-1", "program", "Reseller Program",
            "applicant", DANA.toMap(), "submittedAt", "2025-06-02T09:30:00Z", "message", "Hello"));
  }

  @Test
  void manual_event_carries_exactly_the_given_data() {
    Event manual = PartnerEvents.manual("e-9", "acme", NOW, Map.of("note", "kick-off", "count", 3));

    assertThat(manual.type()).isEqualTo("manual");
    assertThat(manual.data()).containsOnly(entry("note", "kick-off"), entry("count", 3));
    assertThat(PartnerEvents.manual("e-10", "acme", NOW, (Map<String, ?>) null).data()).isEmpty();
    assertThat(PartnerEvents.manual("e-11", "acme", NOW, PARTNER).value("partner.name"))
        .contains("Northwind Analytics");
  }

  @Test
  void event_data_is_immutable() {
    Event event = PartnerEvents.partnerCreated("e-1", "acme", NOW, PARTNER);

    assertThatThrownBy(() -> event.data().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void factories_reject_missing_parts_naming_the_field() {
    assertThatThrownBy(() -> PartnerEvents.partnerCreated("e", "acme", NOW, null))
        .isInstanceOf(NullPointerException.class).hasMessage("partner must not be null");
    assertThatThrownBy(() -> PartnerEvents.dealRegistered("e", "acme", NOW, PARTNER, null))
        .hasMessage("deal must not be null");
    assertThatThrownBy(() -> PartnerEvents.partnerStageChanged("e", "acme", NOW, PARTNER, "Active", " "))
        .hasMessage("toStage must not be blank, but was ' '");
    assertThatThrownBy(() -> PartnerEvents.partnerInactive("e", "acme", NOW, PARTNER, -1))
        .hasMessage("inactiveDays must be at least 0, but was -1");
    assertThatThrownBy(() -> PartnerEvents.partnerCreated(" ", "acme", NOW, PARTNER))
        .hasMessageStartingWith("event.id must not be blank");
  }

  @Test
  void payload_records_check_their_required_fields() {
    assertThatThrownBy(() -> Partner.builder("p-1", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("partner.name must not be blank, but was null");
    assertThatThrownBy(() -> Deal.builder("d-1").amount(-5))
        .hasMessage("deal.amount must be at least 0, but was -5");
    assertThatThrownBy(() -> Person.of(" ", null))
        .hasMessageContaining("person.name or person.email must not be blank");
  }

  @Test
  void partner_to_builder_keeps_every_field() {
    assertThat(PARTNER.toBuilder().build()).isEqualTo(PARTNER);
    assertThat(PARTNER.toBuilder().stage("Churned").build().stage()).isEqualTo("Churned");
  }
}
