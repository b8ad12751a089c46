package dev.partnerflow.triggers.internal;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.triggers.DaysConfig;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.PartnerTrigger;
import dev.partnerflow.triggers.payload.Agreement;
import dev.partnerflow.triggers.payload.Application;
import dev.partnerflow.triggers.payload.Certification;
import dev.partnerflow.triggers.payload.Deal;
import dev.partnerflow.triggers.payload.MdfRequest;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Payment;
import dev.partnerflow.triggers.payload.Person;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Built-in sample events for test runs ("Run once") when the host provides no sample data: one realistic partner,
 * Northwind Analytics, and whatever the trigger type adds (a deal, a contact, a payment). Every sample matches its
 * type's default config. Addresses use the reserved {@code .example} domain so that nothing can be delivered.
 */
final class SampleEvents {
  static final String PARTNER_ID = "sample-partner-northwind";
  private static final int DAYS = DaysConfig.DEFAULT_DAYS;

  private SampleEvents() {}

  static Event of(PartnerTrigger trigger, String organizationId, Instant now) {
    Objects.requireNonNull(now, "now must not be null");
    String id = "sample-" + trigger.wireName() + "-" + now.toEpochMilli();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Partner partner = partner(now);
    return switch (trigger) {
      case PARTNER_CREATED -> PartnerEvents.partnerCreated(id, organizationId, now,
          partner.toBuilder().stage("Recruit").tier("Registered").build());
      case PARTNER_JOINED_PLATFORM -> PartnerEvents.partnerJoinedPlatform(id, organizationId, now,
          partner.toBuilder().stage("Onboarding").build());
      case PARTNER_STAGE_CHANGED -> PartnerEvents.partnerStageChanged(id, organizationId, now, partner,
          "Onboarding", "Active");
      case PARTNER_TIER_CHANGED -> PartnerEvents.partnerTierChanged(id, organizationId, now, partner,
          "Silver", "Gold");
      case PARTNER_INACTIVE -> PartnerEvents.partnerInactive(id, organizationId, now,
          partner.toBuilder().lastActivityAt(now.minus(Duration.ofDays(DAYS))).build(), DAYS);
      case CONTACT_ADDED_TO_PARTNER -> PartnerEvents.contactAddedToPartner(id, organizationId, now, partner,
          Person.builder().id("sample-contact-luis").name("Luis Ortega").email("luis.ortega@northwind.example")
              .title("Solutions Engineer").build());
      case PARTNER_AGREEMENT_SIGNED -> PartnerEvents.partnerAgreementSigned(id, organizationId, now, partner,
          new Agreement("sample-agreement-reseller", "Reseller Agreement", now, primaryContact(),
              today.plusYears(1)));
      case PARTNER_CERTIFICATION_COMPLETED -> PartnerEvents.partnerCertificationCompleted(id, organizationId, now,
          partner, new Certification("sample-cert-architect", "Certified Solutions Architect",
              Person.of("Luis Ortega", "luis.ortega@northwind.example"), now, today.plusYears(2)));
      case CONTRACT_RENEWAL_APPROACHING -> PartnerEvents.contractRenewalApproaching(id, organizationId, now,
          partner.toBuilder().contractRenewalDate(today.plusDays(DAYS)).build(), DAYS, DAYS);
      case PARTNER_PAYMENT_MADE -> PartnerEvents.partnerPaymentMade(id, organizationId, now, partner,
          new Payment("sample-payment-q2", new BigDecimal("4500.00"), "USD", now, "Q2 referral commission"));
      case DEAL_REGISTERED -> PartnerEvents.dealRegistered(id, organizationId, now, partner,
          deal(today).stage("Registered").build());
      case DEAL_REGISTRATION_APPROVED -> PartnerEvents.dealRegistrationApproved(id, organizationId, now, partner,
          deal(today).stage("Approved").build());
      case DEAL_REGISTRATION_DECLINED -> PartnerEvents.dealRegistrationDeclined(id, organizationId, now, partner,
          deal(today).stage("Declined").reason("Customer already registered by another partner").build());
      case DEAL_CLOSED_WON -> PartnerEvents.dealClosedWon(id, organizationId, now, partner,
          deal(today).stage("Closed Won").closeDate(today).build());
      case DEAL_CLOSED_LOST -> PartnerEvents.dealClosedLost(id, organizationId, now, partner,
          deal(today).stage("Closed Lost").closeDate(today).reason("Lost to incumbent on price").build());
      case MDF_REQUEST_SUBMITTED -> PartnerEvents.mdfRequestSubmitted(id, organizationId, now, partner,
          new MdfRequest("sample-mdf-webinars", "Q3 retail analytics webinar series", new BigDecimal("15000"), "USD",
              "Three co-branded webinars for retail analytics buyers", now, primaryContact()));
      case APPLICATION_SUBMITTED -> PartnerEvents.applicationSubmitted(id, organizationId, now,
          Partner.builder(PARTNER_ID, "Northwind Analytics").stage("Applicant").website("https://northwind.example")
              .country("US").primaryContact(primaryContact()).build(),
          new Application("sample-application-northwind", "Reseller Program", primaryContact(), now,
              "We resell analytics software to 400 retail customers in the Midwest."));
      case MANUAL -> PartnerEvents.manual(id, organizationId, now, partner);
    };
  }

  private static Partner partner(Instant now) {
    return Partner.builder(PARTNER_ID, "Northwind Analytics")
        .stage("Active")
        .tier("Gold")
        .primaryContact(primaryContact())
        .partnerManager(Person.builder().name("Priya Raman").email("priya.raman@vendor.example")
            .title("Partner Manager").build())
        .website("https://northwind.example")
        .country("US")
        .lastActivityAt(now.minus(Duration.ofDays(3)))
        .contractRenewalDate(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(180))
        .customField("region", "North America")
        .build();
  }

  private static Person primaryContact() {
    return Person.builder().id("sample-contact-dana").name("Dana Whitaker").email("dana.whitaker@northwind.example")
        .title("VP Alliances").build();
  }

  private static Deal.Builder deal(LocalDate today) {
    return Deal.builder("sample-deal-contoso")
        .name("Contoso retail analytics rollout")
        .amount(new BigDecimal("120000"))
        .currency("USD")
        .closeDate(today.plusDays(60))
        .customer("Contoso Ltd");
  }
}
