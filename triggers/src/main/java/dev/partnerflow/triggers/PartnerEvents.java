package dev.partnerflow.triggers;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.triggers.internal.Checks;
import dev.partnerflow.triggers.internal.DataMap;
import dev.partnerflow.triggers.payload.Agreement;
import dev.partnerflow.triggers.payload.Application;
import dev.partnerflow.triggers.payload.Certification;
import dev.partnerflow.triggers.payload.Deal;
import dev.partnerflow.triggers.payload.MdfRequest;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Payment;
import dev.partnerflow.triggers.payload.Person;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One factory method per partner trigger type, so host code publishes events without assembling maps by hand.
 * Every method takes the host's event id (publishing the same id twice starts no second run), the organization
 * id and when it happened, and returns a {@link Event} whose type is the trigger's wire name.
 *
 * <pre>{@code
 * engine.publish(PartnerEvents.partnerStageChanged("evt-1", "acme", clock.instant(), partner, "Onboarding", "Active"));
 * engine.publish(PartnerEvents.dealRegistered("evt-2", "acme", clock.instant(), partner, deal));
 * }</pre>
 *
 * <p>Event data, by key (see each record's {@code toMap()} for the fields inside; null fields are left out, dates
 * are ISO-8601 strings, amounts numbers):
 * <ul>
 *   <li>{@code partner} — every type but {@code manual}: {@link Partner#toMap()}</li>
 *   <li>{@code change} — stage and tier changes: {@code {from, to}}</li>
 *   <li>{@value #INACTIVE_DAYS} — {@code partner_inactive}: whole days without recorded activity</li>
 *   <li>{@value #DAYS_UNTIL_RENEWAL} — {@code contract_renewal_approaching}: whole days until
 *       {@code partner.contractRenewalDate}</li>
 *   <li>{@code contact}, {@code agreement}, {@code certification}, {@code payment}, {@code deal},
 *       {@code mdfRequest}, {@code application} — the record of the type that has one</li>
 * </ul>
 *
 * <p>Every method throws {@link IllegalArgumentException} when an id is blank or a day count is negative, and
 * {@link NullPointerException} naming the argument when a required record is null.
 */
public final class PartnerEvents {
  /** Data key of the partner: {@value}. */
  public static final String PARTNER = "partner";
  /** Data key of a stage or tier change, a map with {@code from} and {@code to}: {@value}. */
  public static final String CHANGE = "change";
  /** Data key of the days a partner has been inactive: {@value}. */
  public static final String INACTIVE_DAYS = "inactiveDays";
  /** Data key of the days left until the contract renewal date: {@value}. */
  public static final String DAYS_UNTIL_RENEWAL = "daysUntilRenewal";
  /**
   * Data key of the day count a renewal notice is for (the workflow's configured {@code days}), set by the
   * scheduler and by {@link #contractRenewalApproaching(String, String, Instant, Partner, int, int)}: {@value}.
   * When present, a workflow matches when it equals its {@code days}, whatever {@value #DAYS_UNTIL_RENEWAL} says
   * (a notice fired late after downtime carries the true, smaller, days until renewal).
   */
  public static final String NOTICE_DAYS = "noticeDays";

  private PartnerEvents() {}

  /** {@code partner_created}. Data: {@code partner}. */
  public static Event partnerCreated(String eventId, String organizationId, Instant occurredAt, Partner partner) {
    return partnerOnly(PartnerTrigger.PARTNER_CREATED, eventId, organizationId, occurredAt, partner);
  }

  /** {@code partner_joined_platform}. Data: {@code partner}. */
  public static Event partnerJoinedPlatform(String eventId, String organizationId, Instant occurredAt,
                                            Partner partner) {
    return partnerOnly(PartnerTrigger.PARTNER_JOINED_PLATFORM, eventId, organizationId, occurredAt, partner);
  }

  /**
   * {@code partner_stage_changed}. Data: {@code partner} (whose stage should already be {@code toStage}),
   * {@code change {from, to}}.
   *
   * @param fromStage the stage left; null when the partner had none
   * @param toStage the stage entered, required
   */
  public static Event partnerStageChanged(String eventId, String organizationId, Instant occurredAt, Partner partner,
                                          String fromStage, String toStage) {
    return change(PartnerTrigger.PARTNER_STAGE_CHANGED, eventId, organizationId, occurredAt, partner, fromStage,
        Checks.requireText("toStage", toStage));
  }

  /**
   * {@code partner_tier_changed}. Data: {@code partner} (whose tier should already be {@code toTier}),
   * {@code change {from, to}}.
   *
   * @param fromTier the tier left; null when the partner had none
   * @param toTier the tier entered, required
   */
  public static Event partnerTierChanged(String eventId, String organizationId, Instant occurredAt, Partner partner,
                                         String fromTier, String toTier) {
    return change(PartnerTrigger.PARTNER_TIER_CHANGED, eventId, organizationId, occurredAt, partner, fromTier,
        Checks.requireText("toTier", toTier));
  }

  /**
   * {@code partner_inactive}. Data: {@code partner}, {@value #INACTIVE_DAYS}. A workflow configured with
   * {@code days: N} matches when {@code inactiveDays >= N}.
   *
   * <p>Use one event id per partner per quiet period (for example partner id + last activity time), so that a
   * workflow fires once per quiet period however often the partner is reported inactive.
   *
   * @param inactiveDays whole days since the partner's last recorded activity, at least 0
   */
  public static Event partnerInactive(String eventId, String organizationId, Instant occurredAt, Partner partner,
                                      int inactiveDays) {
    Checks.requireNonNegative(INACTIVE_DAYS, inactiveDays);
    return event(PartnerTrigger.PARTNER_INACTIVE, eventId, organizationId, occurredAt,
        base(partner).put(INACTIVE_DAYS, inactiveDays));
  }

  /**
   * The event id of a partner's silence period, used by the scheduler for {@code partner_inactive} and by hosts
   * that publish the type themselves, so that dedupe keeps a partner from getting both:
   * {@code partnerId + ":inactive:" + lastActivityAt} (ISO-8601 instant).
   */
  public static String inactiveEventId(String partnerId, Instant lastActivityAt) {
    return Checks.requireText("partnerId", partnerId) + ":inactive:"
        + Checks.requireNonNull("lastActivityAt", lastActivityAt);
  }

  /**
   * The event id of a renewal notice, used by the scheduler for {@code contract_renewal_approaching} and by hosts
   * that publish the type themselves: {@code partnerId + ":renewal:" + renewalDate + ":" + noticeDays}.
   */
  public static String renewalEventId(String partnerId, java.time.LocalDate renewalDate, int noticeDays) {
    Checks.requireNonNegative(NOTICE_DAYS, noticeDays);
    return Checks.requireText("partnerId", partnerId) + ":renewal:"
        + Checks.requireNonNull("renewalDate", renewalDate) + ":" + noticeDays;
  }

  /** {@code contact_added_to_partner}. Data: {@code partner}, {@code contact}. */
  public static Event contactAddedToPartner(String eventId, String organizationId, Instant occurredAt,
                                            Partner partner, Person contact) {
    return event(PartnerTrigger.CONTACT_ADDED_TO_PARTNER, eventId, organizationId, occurredAt,
        base(partner).put("contact", Checks.requireNonNull("contact", contact).toMap()));
  }

  /** {@code partner_agreement_signed}. Data: {@code partner}, {@code agreement}. */
  public static Event partnerAgreementSigned(String eventId, String organizationId, Instant occurredAt,
                                             Partner partner, Agreement agreement) {
    return event(PartnerTrigger.PARTNER_AGREEMENT_SIGNED, eventId, organizationId, occurredAt,
        base(partner).put("agreement", Checks.requireNonNull("agreement", agreement).toMap()));
  }

  /** {@code partner_certification_completed}. Data: {@code partner}, {@code certification}. */
  public static Event partnerCertificationCompleted(String eventId, String organizationId, Instant occurredAt,
                                                    Partner partner, Certification certification) {
    return event(PartnerTrigger.PARTNER_CERTIFICATION_COMPLETED, eventId, organizationId, occurredAt,
        base(partner).put("certification", Checks.requireNonNull("certification", certification).toMap()));
  }

  /**
   * {@code contract_renewal_approaching}. Data: {@code partner} (with {@code contractRenewalDate} when known),
   * {@value #DAYS_UNTIL_RENEWAL}. A workflow configured with {@code days: N} matches when
   * {@code daysUntilRenewal == N}.
   *
   * @param daysUntilRenewal whole days until the renewal date, at least 0
   */
  public static Event contractRenewalApproaching(String eventId, String organizationId, Instant occurredAt,
                                                 Partner partner, int daysUntilRenewal) {
    Checks.requireNonNegative(DAYS_UNTIL_RENEWAL, daysUntilRenewal);
    return event(PartnerTrigger.CONTRACT_RENEWAL_APPROACHING, eventId, organizationId, occurredAt,
        base(partner).put(DAYS_UNTIL_RENEWAL, daysUntilRenewal));
  }

  /**
   * {@code contract_renewal_approaching} for a notice of {@code noticeDays} days, possibly delivered late. Data:
   * {@code partner}, {@value #DAYS_UNTIL_RENEWAL} (the true days left now), {@value #NOTICE_DAYS}. A workflow
   * configured with {@code days: N} matches when {@code noticeDays == N}. The scheduler builds its events with
   * this method.
   *
   * @param daysUntilRenewal whole days until the renewal date now, at least 0
   * @param noticeDays the configured day count the notice is for, at least 0
   */
  public static Event contractRenewalApproaching(String eventId, String organizationId, Instant occurredAt,
                                                 Partner partner, int daysUntilRenewal, int noticeDays) {
    Checks.requireNonNegative(DAYS_UNTIL_RENEWAL, daysUntilRenewal);
    Checks.requireNonNegative(NOTICE_DAYS, noticeDays);
    return event(PartnerTrigger.CONTRACT_RENEWAL_APPROACHING, eventId, organizationId, occurredAt,
        base(partner).put(DAYS_UNTIL_RENEWAL, daysUntilRenewal).put(NOTICE_DAYS, noticeDays));
  }

  /** {@code partner_payment_made}. Data: {@code partner}, {@code payment}. */
  public static Event partnerPaymentMade(String eventId, String organizationId, Instant occurredAt, Partner partner,
                                         Payment payment) {
    return event(PartnerTrigger.PARTNER_PAYMENT_MADE, eventId, organizationId, occurredAt,
        base(partner).put("payment", Checks.requireNonNull("payment", payment).toMap()));
  }

  /** {@code deal_registered}. Data: {@code partner}, {@code deal}. */
  public static Event dealRegistered(String eventId, String organizationId, Instant occurredAt, Partner partner,
                                     Deal deal) {
    return deal(PartnerTrigger.DEAL_REGISTERED, eventId, organizationId, occurredAt, partner, deal);
  }

  /** {@code deal_registration_approved}. Data: {@code partner}, {@code deal}. */
  public static Event dealRegistrationApproved(String eventId, String organizationId, Instant occurredAt,
                                               Partner partner, Deal deal) {
    return deal(PartnerTrigger.DEAL_REGISTRATION_APPROVED, eventId, organizationId, occurredAt, partner, deal);
  }

  /** {@code deal_registration_declined}. Data: {@code partner}, {@code deal} (with {@code reason} when known). */
  public static Event dealRegistrationDeclined(String eventId, String organizationId, Instant occurredAt,
                                               Partner partner, Deal deal) {
    return deal(PartnerTrigger.DEAL_REGISTRATION_DECLINED, eventId, organizationId, occurredAt, partner, deal);
  }

  /** {@code deal_closed_won}. Data: {@code partner}, {@code deal}. */
  public static Event dealClosedWon(String eventId, String organizationId, Instant occurredAt, Partner partner,
                                    Deal deal) {
    return deal(PartnerTrigger.DEAL_CLOSED_WON, eventId, organizationId, occurredAt, partner, deal);
  }

  /** {@code deal_closed_lost}. Data: {@code partner}, {@code deal} (with {@code reason} when known). */
  public static Event dealClosedLost(String eventId, String organizationId, Instant occurredAt, Partner partner,
                                     Deal deal) {
    return deal(PartnerTrigger.DEAL_CLOSED_LOST, eventId, organizationId, occurredAt, partner, deal);
  }

  /** {@code mdf_request_submitted}. Data: {@code partner}, {@code mdfRequest}. */
  public static Event mdfRequestSubmitted(String eventId, String organizationId, Instant occurredAt, Partner partner,
                                          MdfRequest mdfRequest) {
    return event(PartnerTrigger.MDF_REQUEST_SUBMITTED, eventId, organizationId, occurredAt,
        base(partner).put("mdfRequest", Checks.requireNonNull("mdfRequest", mdfRequest).toMap()));
  }

  /**
   * {@code application_submitted}. Data: {@code partner} (the applicant's record, e.g. in stage "Applicant"),
   * {@code application}.
   */
  public static Event applicationSubmitted(String eventId, String organizationId, Instant occurredAt,
                                           Partner partner, Application application) {
    return event(PartnerTrigger.APPLICATION_SUBMITTED, eventId, organizationId, occurredAt,
        base(partner).put("application", Checks.requireNonNull("application", application).toMap()));
  }

  /** {@code manual}. Data: exactly {@code data} (a JSON-like map; may be empty). */
  public static Event manual(String eventId, String organizationId, Instant occurredAt, Map<String, ?> data) {
    return new Event(eventId, organizationId, PartnerTrigger.MANUAL.wireName(), occurredAt,
        data == null ? Map.of() : new LinkedHashMap<String, Object>(withoutNullKeys(data)));
  }

  /** {@code manual} about one partner. Data: {@code partner}. */
  public static Event manual(String eventId, String organizationId, Instant occurredAt, Partner partner) {
    return partnerOnly(PartnerTrigger.MANUAL, eventId, organizationId, occurredAt, partner);
  }

  private static Map<String, ?> withoutNullKeys(Map<String, ?> data) {
    // Iterate rather than containsKey(null): immutable maps throw on a null lookup.
    if (data.keySet().stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("manual event data must not have null keys, but was " + data.keySet());
    }
    return data;
  }

  private static Event partnerOnly(PartnerTrigger trigger, String eventId, String organizationId,
                                   Instant occurredAt, Partner partner) {
    return event(trigger, eventId, organizationId, occurredAt, base(partner));
  }

  private static Event change(PartnerTrigger trigger, String eventId, String organizationId, Instant occurredAt,
                              Partner partner, String from, String to) {
    Map<String, Object> change = DataMap.create().put("from", Checks.trimToNull(from)).put("to", to.trim()).build();
    return event(trigger, eventId, organizationId, occurredAt, base(partner).put(CHANGE, change));
  }

  private static Event deal(PartnerTrigger trigger, String eventId, String organizationId, Instant occurredAt,
                            Partner partner, Deal deal) {
    return event(trigger, eventId, organizationId, occurredAt,
        base(partner).put("deal", Checks.requireNonNull("deal", deal).toMap()));
  }

  private static DataMap base(Partner partner) {
    return DataMap.create().put(PARTNER, Checks.requireNonNull(PARTNER, partner).toMap());
  }

  private static Event event(PartnerTrigger trigger, String eventId, String organizationId, Instant occurredAt,
                             DataMap data) {
    return new Event(eventId, organizationId, trigger.wireName(), occurredAt, data.build());
  }
}
