package dev.partnerflow.triggers.internal;

import dev.partnerflow.core.nodes.TriggerType;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.payload.Agreement;
import dev.partnerflow.triggers.payload.Application;
import dev.partnerflow.triggers.payload.Certification;
import dev.partnerflow.triggers.payload.Deal;
import dev.partnerflow.triggers.payload.MdfRequest;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Payment;
import dev.partnerflow.triggers.payload.Person;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The event-data paths a partner trigger's events can carry: the paths of its sample, plus every field of the
 * payload records under their keys (a payload's {@code toMap()} keys are its record components), so an optional
 * field the sample leaves out still counts. A map field (custom fields) is open: any path below it.
 */
final class PayloadPaths {
  private static final Map<String, Class<?>> RECORDS = Map.of(
      PartnerEvents.PARTNER, Partner.class,
      "deal", Deal.class,
      "contact", Person.class,
      "agreement", Agreement.class,
      "certification", Certification.class,
      "payment", Payment.class,
      "mdfRequest", MdfRequest.class,
      "application", Application.class);

  private PayloadPaths() {}

  static Set<String> of(Map<String, Object> sampleData) {
    Set<String> paths = new LinkedHashSet<>(TriggerType.dataPaths(sampleData));
    for (String key : sampleData.keySet()) {
      Class<?> type = RECORDS.get(key);
      if (type != null) {
        addRecord(key, type, paths);
      }
    }
    if (sampleData.containsKey(PartnerEvents.CHANGE)) {
      paths.add(PartnerEvents.CHANGE + ".from");
      paths.add(PartnerEvents.CHANGE + ".to");
    }
    return Collections.unmodifiableSet(paths);
  }

  private static void addRecord(String prefix, Class<?> type, Set<String> into) {
    into.add(prefix);
    for (RecordComponent c : type.getRecordComponents()) {
      String path = prefix + "." + c.getName();
      if (c.getType().isRecord() && c.getType().getPackage() == Partner.class.getPackage()) {
        addRecord(path, c.getType(), into);
      } else if (Map.class.isAssignableFrom(c.getType())) {
        into.add(path);
        into.add(path + ".*");
      } else {
        into.add(path);
      }
    }
  }
}
