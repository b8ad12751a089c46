package dev.partnerflow.triggers.payload;

import dev.partnerflow.triggers.internal.Checks;
import dev.partnerflow.triggers.internal.DataMap;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The partner an event is about; every partner event carries it under {@code partner}.
 *
 * <pre>{@code
 * Partner partner = Partner.builder("p-100", "Northwind Analytics")
 *     .stage("Active").tier("Gold")
 *     .primaryContact(Person.of("Dana Whitaker", "dana@northwind.example"))
 *     .partnerManager(Person.of("Priya Raman", "priya@vendor.example"))
 *     .country("US")
 *     .build();
 * }</pre>
 *
 * <p>Data map keys: {@code id, name, stage, tier, primaryContact {name, email, ...}, partnerManager {name, email,
 * ...}, website, country, lastActivityAt (ISO-8601 instant), contractRenewalDate (ISO-8601 date), customFields
 * {...}}; null fields and empty custom fields are left out.
 *
 * @param id the host's partner id, required
 * @param name the partner's company name, required
 * @param stage lifecycle stage as the host names it ("Onboarding", "Active"), optional
 * @param tier tier as the host names it ("Silver", "Gold"), optional
 * @param primaryContact the partner's main contact, optional
 * @param partnerManager the host-side person who manages the partner, optional
 * @param website optional
 * @param country optional, e.g. an ISO 3166 code
 * @param lastActivityAt last recorded activity, optional
 * @param contractRenewalDate next contract renewal, optional
 * @param customFields the host's other fields, JSON-like values; never null (immutable copy)
 */
public record Partner(String id, String name, String stage, String tier, Person primaryContact,
                      Person partnerManager, String website, String country, Instant lastActivityAt,
                      LocalDate contractRenewalDate, Map<String, Object> customFields) {
  public Partner {
    Checks.requireText("partner.id", id);
    Checks.requireText("partner.name", name);
    stage = Checks.trimToNull(stage);
    tier = Checks.trimToNull(tier);
    website = Checks.trimToNull(website);
    country = Checks.trimToNull(country);
    customFields = customFields == null || customFields.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
  }

  /** A builder for a partner with the two required fields. */
  public static Builder builder(String id, String name) {
    return new Builder(id, name);
  }

  /** A builder starting from this partner's values, e.g. to change the stage. */
  public Builder toBuilder() {
    return new Builder(id, name).stage(stage).tier(tier).primaryContact(primaryContact)
        .partnerManager(partnerManager).website(website).country(country).lastActivityAt(lastActivityAt)
        .contractRenewalDate(contractRenewalDate).customFields(customFields);
  }

  /** The event-data form of this partner. */
  public Map<String, Object> toMap() {
    return DataMap.create()
        .put("id", id)
        .put("name", name)
        .put("stage", stage)
        .put("tier", tier)
        .put("primaryContact", primaryContact == null ? null : primaryContact.toMap())
        .put("partnerManager", partnerManager == null ? null : partnerManager.toMap())
        .put("website", website)
        .put("country", country)
        .put("lastActivityAt", lastActivityAt)
        .put("contractRenewalDate", contractRenewalDate)
        .put("customFields", customFields)
        .build();
  }

  /** Builds a {@link Partner}. All setters are optional. */
  public static final class Builder {
    private final String id;
    private final String name;
    private String stage;
    private String tier;
    private Person primaryContact;
    private Person partnerManager;
    private String website;
    private String country;
    private Instant lastActivityAt;
    private LocalDate contractRenewalDate;
    private Map<String, Object> customFields = new LinkedHashMap<>();

    private Builder(String id, String name) {
      this.id = Checks.requireText("partner.id", id);
      this.name = Checks.requireText("partner.name", name);
    }

    public Builder stage(String stage) {
      this.stage = stage;
      return this;
    }

    public Builder tier(String tier) {
      this.tier = tier;
      return this;
    }

    public Builder primaryContact(Person primaryContact) {
      this.primaryContact = primaryContact;
      return this;
    }

    public Builder partnerManager(Person partnerManager) {
      this.partnerManager = partnerManager;
      return this;
    }

    public Builder website(String website) {
      this.website = website;
      return this;
    }

    public Builder country(String country) {
      this.country = country;
      return this;
    }

    public Builder lastActivityAt(Instant lastActivityAt) {
      this.lastActivityAt = lastActivityAt;
      return this;
    }

    public Builder contractRenewalDate(LocalDate contractRenewalDate) {
      this.contractRenewalDate = contractRenewalDate;
      return this;
    }

    /** Replaces all custom fields. */
    public Builder customFields(Map<String, ?> customFields) {
      this.customFields = customFields == null ? new LinkedHashMap<>() : new LinkedHashMap<>(customFields);
      return this;
    }

    /** Adds one custom field (a JSON-like value: string, number, boolean, list, map). */
    public Builder customField(String key, Object value) {
      this.customFields.put(Checks.requireText("partner.customFields key", key), value);
      return this;
    }

    public Partner build() {
      return new Partner(id, name, stage, tier, primaryContact, partnerManager, website, country, lastActivityAt,
          contractRenewalDate, customFields);
    }
  }
}
