package dev.partnerflow.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.nodes.TriggerType;
import dev.partnerflow.triggers.payload.Deal;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KnownDataPathsTest {
  private static final Instant NOW = Instant.parse("2025-06-02T09:30:00Z");

  private static Person fullPerson(String id) {
    return Person.builder().id(id).name("N " + id).email(id + "@x.example").title("T").phone("+1 555 0100").build();
  }

  private static Partner fullPartner() {
    return Partner.builder("p-1", "Acme").stage("Active").tier("Gold").primaryContact(fullPerson("pc"))
        .partnerManager(fullPerson("pm")).website("https://acme.example").country("US").lastActivityAt(NOW)
        .contractRenewalDate(LocalDate.of(2026, 1, 1)).customField("region", Map.of("name", "EMEA")).build();
  }

  private static Deal fullDeal() {
    return Deal.builder("d-1").name("Big").amount(new BigDecimal("10")).currency("USD").stage("Closed Lost")
        .closeDate(LocalDate.of(2025, 7, 1)).customer("Contoso").reason("price").build();
  }

  private static boolean covered(Set<String> known, String path) {
    if (known.contains(path)) {
      return true;
    }
    for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
      if (known.contains(path.substring(0, dot) + ".*")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void every_field_of_a_fully_filled_payload_is_a_known_path_even_when_the_sample_leaves_it_out() {
    Event lost = PartnerEvents.dealClosedLost("e-1", "acme", NOW, fullPartner(), fullDeal());
    Event contact = PartnerEvents.contactAddedToPartner("e-2", "acme", NOW, fullPartner(), fullPerson("c"));
    Event stage = PartnerEvents.partnerStageChanged("e-3", "acme", NOW, fullPartner(), "Onboarding", "Active");

    for (Event event : new Event[] {lost, contact, stage}) {
      Set<String> known = PartnerTrigger.fromWireName(event.type()).type().knownDataPaths();
      assertThat(TriggerType.dataPaths(event.data())).as(event.type())
          .allSatisfy(path -> assertThat(covered(known, path)).as(path).isTrue());
    }
    Set<String> registered = PartnerTrigger.DEAL_REGISTERED.type().knownDataPaths();
    assertThat(registered).contains("deal.reason", "partner.partnerManager.phone", "partner.primaryContact.id",
        "partner.customFields.*");
    assertThat(PartnerTrigger.PARTNER_CREATED.type().knownDataPaths()).doesNotContain("deal.name", "deal");
  }

  @ParameterizedTest
  @EnumSource(PartnerTrigger.class)
  void every_trigger_but_manual_declares_its_paths_and_covers_its_sample(PartnerTrigger trigger) {
    Set<String> known = trigger.type().knownDataPaths();
    if (trigger == PartnerTrigger.MANUAL) {
      assertThat(known).isEmpty();
      return;
    }
    assertThat(known).contains("partner.name", "partner.primaryContact.email");
    assertThat(TriggerType.dataPaths(trigger.type().sampleEvent("acme", NOW).data()))
        .allSatisfy(path -> assertThat(covered(known, path)).as(path).isTrue());
  }
}
