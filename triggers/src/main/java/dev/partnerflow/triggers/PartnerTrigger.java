package dev.partnerflow.triggers;

import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.TriggerType;
import dev.partnerflow.triggers.internal.TriggerCatalog;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The 18 partner trigger types, one constant each, with their wire name, the name the editor shows, their group
 * and documentation. Use the constants instead of spelling wire names by hand; {@link #type()} gives the registered
 * {@link TriggerType}.
 *
 * <pre>{@code
 * Event event = new Event("evt-1", "acme", PartnerTrigger.DEAL_REGISTERED.wireName(), now, data);
 * PartnerTrigger trigger = PartnerTrigger.fromWireName("partner_inactive");   // PARTNER_INACTIVE
 * trigger.displayName();                                                        // "Partner Inactive (X Days)"
 * }</pre>
 *
 * <p>Most hosts build events with {@link PartnerEvents} rather than by hand; the event data of each type is listed
 * there and in {@code docs/triggers.md}.
 */
public enum PartnerTrigger {
  /** A new partner record is added. Config: none. Data: {@code partner}. */
  PARTNER_CREATED("partner_created", "Partner Created", Group.PARTNER_LIFECYCLE,
      "A new partner record is added to the platform.",
      "when a new partner is created", "when we add a partner", "welcome every new partner"),
  /** A partner completes the partner portal onboarding. Config: none. Data: {@code partner}. */
  PARTNER_JOINED_PLATFORM("partner_joined_platform", "Partner Joined Platform", Group.PARTNER_LIFECYCLE,
      "A partner completes the partner portal onboarding.",
      "when a partner joins the portal", "after a partner finishes portal onboarding",
      "when a partner logs in for the first time"),
  /** A partner moves to another lifecycle stage. Config: {@link TransitionConfig}. Data: {@code partner, change}. */
  PARTNER_STAGE_CHANGED("partner_stage_changed", "Partner Stage Changed", Group.PARTNER_LIFECYCLE,
      "A partner moves to a different lifecycle stage (optional: filter by from-stage and to-stage).",
      "when a partner moves to a new stage", "when a partner goes from onboarding to active",
      "when a partner becomes active"),
  /** A partner moves between tiers. Config: {@link TransitionConfig}. Data: {@code partner, change}. */
  PARTNER_TIER_CHANGED("partner_tier_changed", "Partner Tier Changed", Group.PARTNER_LIFECYCLE,
      "A partner moves between tier levels (optional: filter by from-tier and to-tier).",
      "when a partner is upgraded to gold", "when a partner's tier changes", "when a partner is downgraded"),
  /** No recorded activity for a number of days. Config: {@link DaysConfig}. Data: {@code partner, inactiveDays}. */
  PARTNER_INACTIVE("partner_inactive", "Partner Inactive (X Days)", Group.PARTNER_LIFECYCLE,
      "A partner has had no recorded activity for a configurable number of days (default: 30).",
      "when a partner goes quiet", "when a partner has been inactive for 60 days", "re-engage dormant partners"),
  /** A contact joins a partner organization. Config: none. Data: {@code partner, contact}. */
  CONTACT_ADDED_TO_PARTNER("contact_added_to_partner", "Contact Added to Partner", Group.PARTNER_LIFECYCLE,
      "A new contact joins a partner organization.",
      "when a new contact is added to a partner", "when someone joins a partner's team",
      "welcome new partner contacts"),
  /** A partner countersigns an agreement. Config: none. Data: {@code partner, agreement}. */
  PARTNER_AGREEMENT_SIGNED("partner_agreement_signed", "Partner Agreement Signed", Group.PARTNER_LIFECYCLE,
      "A partner countersigns an agreement.",
      "when a partner signs the agreement", "after the partner contract is signed",
      "start enablement once the agreement is signed"),
  /** A partner contact finishes a certification. Config: none. Data: {@code partner, certification}. */
  PARTNER_CERTIFICATION_COMPLETED("partner_certification_completed", "Partner Certification Completed",
      Group.PARTNER_LIFECYCLE,
      "A partner contact finishes a certification or training program.",
      "when a partner gets certified", "when a partner completes a training", "congratulate certified partners"),
  /**
   * A number of days before the contract renewal date. Config: {@link DaysConfig}. Data:
   * {@code partner, daysUntilRenewal}.
   */
  CONTRACT_RENEWAL_APPROACHING("contract_renewal_approaching", "Contract Renewal Approaching",
      Group.PARTNER_LIFECYCLE,
      "A configurable number of days before a partner's contract renewal date (default: 30 days).",
      "30 days before a partner's contract renews", "when a renewal is coming up",
      "remind the partner manager before renewal"),
  /** A payment is recorded for a partner. Config: none. Data: {@code partner, payment}. */
  PARTNER_PAYMENT_MADE("partner_payment_made", "Partner Payment Made", Group.PARTNER_LIFECYCLE,
      "A payment is recorded for a partner.",
      "when a partner is paid", "when a commission payment is made", "when a partner payment is recorded"),
  /** A partner submits a deal registration. Config: none. Data: {@code partner, deal}. */
  DEAL_REGISTERED("deal_registered", "Deal Registered", Group.DEAL,
      "A partner submits a new deal registration.",
      "when a partner registers a deal", "when a new deal registration comes in", "notify the team of new deals"),
  /** A deal registration is approved. Config: none. Data: {@code partner, deal}. */
  DEAL_REGISTRATION_APPROVED("deal_registration_approved", "Deal Registration Approved", Group.DEAL,
      "A deal registration is approved.",
      "when a deal registration is approved", "tell the partner their deal was accepted"),
  /** A deal registration is declined. Config: none. Data: {@code partner, deal}. */
  DEAL_REGISTRATION_DECLINED("deal_registration_declined", "Deal Registration Declined", Group.DEAL,
      "A deal registration is declined.",
      "when a deal registration is rejected", "when we decline a partner's deal"),
  /** A deal linked to a partner is won. Config: none. Data: {@code partner, deal}. */
  DEAL_CLOSED_WON("deal_closed_won", "Deal Closed Won", Group.DEAL,
      "A deal linked to a partner is marked closed-won.",
      "when a partner deal is won", "when a deal closes", "celebrate closed-won deals"),
  /** A deal linked to a partner is lost. Config: none. Data: {@code partner, deal}. */
  DEAL_CLOSED_LOST("deal_closed_lost", "Deal Closed Lost", Group.DEAL,
      "A deal linked to a partner is marked closed-lost.",
      "when a partner deal is lost", "when a deal is closed lost", "follow up on lost deals"),
  /** A partner submits a market development fund request. Config: none. Data: {@code partner, mdfRequest}. */
  MDF_REQUEST_SUBMITTED("mdf_request_submitted", "MDF Request Submitted", Group.OTHER,
      "A partner submits a market development fund request.",
      "when a partner asks for MDF", "when a marketing fund request is submitted", "review new MDF requests"),
  /** A partner application form is submitted. Config: none. Data: {@code partner, application}. */
  APPLICATION_SUBMITTED("application_submitted", "Application Submitted", Group.OTHER,
      "A partner application form is submitted.",
      "when someone applies to the partner program", "when a partner application comes in",
      "screen new partner applications"),
  /** No automatic trigger; started on demand ("Run once"). Config: none. Data: whatever the caller passes. */
  MANUAL("manual", "Manual Trigger", Group.OTHER,
      "Fired on demand, for example by clicking Run once in the workflow builder; no automatic trigger.",
      "run it by hand", "only when I start it", "on demand");

  /** How pickers group the triggers, following the product guide's three tables. */
  public enum Group {
    /** Things that happen to the partner record itself. */
    PARTNER_LIFECYCLE("partner lifecycle"),
    /** Deal registrations and deal outcomes. */
    DEAL("deal"),
    /** MDF, applications and the manual trigger. */
    OTHER("other");

    private final String label;

    Group(String label) {
      this.label = label;
    }

    /** The label used in {@link NodeDocumentation#group()}, e.g. {@code "partner lifecycle"}. */
    public String label() {
      return label;
    }
  }

  private final String wireName;
  private final NodeDocumentation documentation;
  private final Group group;

  PartnerTrigger(String wireName, String displayName, Group group, String description, String... examplePhrases) {
    this.wireName = wireName;
    this.group = group;
    this.documentation = new NodeDocumentation(displayName, description, group.label(), List.of(examplePhrases));
  }

  /** The name in JSON, events and the registry, e.g. {@code deal_registered}. */
  public String wireName() {
    return wireName;
  }

  /** The name the editor shows, e.g. {@code "Deal Registered"}. */
  public String displayName() {
    return documentation.displayName();
  }

  public Group group() {
    return group;
  }

  /** Display name, when-it-fires description, group label and example phrases. */
  public NodeDocumentation documentation() {
    return documentation;
  }

  /** The trigger type registered under {@link #wireName()}. */
  public TriggerType<?> type() {
    return TriggerCatalog.type(this);
  }

  /**
   * The constant for a wire name, ignoring surrounding blanks.
   *
   * @throws IllegalArgumentException when no partner trigger has that name
   */
  public static PartnerTrigger fromWireName(String wireName) {
    if (wireName != null) {
      String wanted = wireName.trim();
      for (PartnerTrigger trigger : values()) {
        if (trigger.wireName.equals(wanted)) {
          return trigger;
        }
      }
    }
    String allowed = Arrays.stream(values()).map(PartnerTrigger::wireName).collect(Collectors.joining(", "));
    boolean notLowerCase = wireName != null && !wireName.equals(wireName.toLowerCase(Locale.ROOT));
    throw new IllegalArgumentException("trigger must be one of [" + allowed + "], but was "
        + (wireName == null ? "null" : "'" + wireName + "'")
        + (notLowerCase ? " (wire names are lower snake case)" : ""));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
