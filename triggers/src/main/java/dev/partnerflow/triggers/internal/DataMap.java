package dev.partnerflow.triggers.internal;

import dev.partnerflow.core.event.Event;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the JSON-like maps of event data: keys in insertion order, null values left out, dates and times as
 * ISO-8601 strings, numbers kept as numbers.
 */
public final class DataMap {
  private final Map<String, Object> map = new LinkedHashMap<>();

  private DataMap() {}

  public static DataMap create() {
    return new DataMap();
  }

  /** Adds {@code value} under {@code key} unless it is null (or an empty map). */
  public DataMap put(String key, Object value) {
    Object converted = convert(value);
    if (converted != null && !(converted instanceof Map<?, ?> m && m.isEmpty())) {
      map.put(key, converted);
    }
    return this;
  }

  /** The finished map, immutable and in the compact form events keep (so an event does not copy it again). */
  public Map<String, Object> build() {
    return Event.freezeData(map);
  }

  private static Object convert(Object value) {
    if (value instanceof TemporalAccessor temporal) {
      return temporal.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return normalize(decimal);
    }
    return value;
  }

  /** 1200.00 becomes 1200 so that amounts read the same however the host scaled them. */
  private static Number normalize(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
