package dev.partnerflow.triggers.internal;

import dev.partnerflow.core.nodes.TriggerType;
import dev.partnerflow.triggers.DaysConfig;
import dev.partnerflow.triggers.NoConfig;
import dev.partnerflow.triggers.PartnerTrigger;
import dev.partnerflow.triggers.TransitionConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The one instance of each partner trigger type, built once, in {@link PartnerTrigger} order. */
public final class TriggerCatalog {
  private static final Map<PartnerTrigger, TriggerType<?>> TYPES = build();

  private TriggerCatalog() {}

  public static TriggerType<?> type(PartnerTrigger trigger) {
    return TYPES.get(trigger);
  }

  /** All 18, in {@link PartnerTrigger} order. */
  public static List<TriggerType<?>> all() {
    return Collections.unmodifiableList(new ArrayList<>(TYPES.values()));
  }

  private static Map<PartnerTrigger, TriggerType<?>> build() {
    Map<PartnerTrigger, TriggerType<?>> types = new EnumMap<>(PartnerTrigger.class);
    for (PartnerTrigger trigger : PartnerTrigger.values()) {
      types.put(trigger, create(trigger));
    }
    return Collections.unmodifiableMap(types);
  }

  // An exhaustive switch: adding a constant to PartnerTrigger does not compile until it is wired here.
  private static TriggerType<?> create(PartnerTrigger trigger) {
    return switch (trigger) {
      case PARTNER_STAGE_CHANGED, PARTNER_TIER_CHANGED ->
          new PartnerTriggerType<>(trigger, TransitionConfig.class, TransitionConfig.ANY, Matching::transition);
      case PARTNER_INACTIVE ->
          new PartnerTriggerType<>(trigger, DaysConfig.class, DaysConfig.DEFAULT, Matching::inactive);
      case CONTRACT_RENEWAL_APPROACHING ->
          new PartnerTriggerType<>(trigger, DaysConfig.class, DaysConfig.DEFAULT, Matching::renewal);
      case PARTNER_CREATED, PARTNER_JOINED_PLATFORM, CONTACT_ADDED_TO_PARTNER, PARTNER_AGREEMENT_SIGNED,
          PARTNER_CERTIFICATION_COMPLETED, PARTNER_PAYMENT_MADE, DEAL_REGISTERED, DEAL_REGISTRATION_APPROVED,
          DEAL_REGISTRATION_DECLINED, DEAL_CLOSED_WON, DEAL_CLOSED_LOST, MDF_REQUEST_SUBMITTED,
          APPLICATION_SUBMITTED, MANUAL ->
          new PartnerTriggerType<>(trigger, NoConfig.class, NoConfig.INSTANCE, (config, event) -> true);
    };
  }
}
