package dev.partnerflow.triggers.internal;

import dev.partnerflow.core.event.Event;
import dev.partnerflow.triggers.DaysConfig;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.TransitionConfig;

/** The config rules of the partner triggers, applied after the event type already matched. */
final class Matching {
  private Matching() {}

  /** Stage and tier changes: {@code change.from} / {@code change.to} against the filters, ignoring case. */
  static boolean transition(TransitionConfig config, Event event) {
    return config.accepts(text(event, PartnerEvents.CHANGE + ".from"), text(event, PartnerEvents.CHANGE + ".to"));
  }

  /**
   * {@code partner_inactive}: at least the configured days. A partner quiet for 75 days satisfies a 60-day
   * workflow; once-per-quiet-period comes from the event id, not from this rule.
   */
  static boolean inactive(DaysConfig config, Event event) {
    Double days = number(event, PartnerEvents.INACTIVE_DAYS);
    return days != null && days >= config.days();
  }

  /**
   * {@code contract_renewal_approaching}: exactly the configured days. "30 days before renewal" is one day; with
   * {@code >=} every renewal further out would match, with {@code <=} every day inside the window would. When the
   * event names the notice it is for ({@code noticeDays}, set by the scheduler, which may deliver a notice late
   * after downtime), that day count is compared instead of {@code daysUntilRenewal}.
   */
  static boolean renewal(DaysConfig config, Event event) {
    Double notice = number(event, PartnerEvents.NOTICE_DAYS);
    if (notice != null) {
      return notice == config.days().doubleValue();
    }
    Double days = number(event, PartnerEvents.DAYS_UNTIL_RENEWAL);
    return days != null && days == config.days().doubleValue();
  }

  private static String text(Event event, String path) {
    Object value = Event.resolve(event.data(), path);
    return value == null ? null : value.toString();
  }

  private static Double number(Event event, String path) {
    Object value = Event.resolve(event.data(), path);
    return value instanceof Number n ? n.doubleValue() : null;
  }
}
