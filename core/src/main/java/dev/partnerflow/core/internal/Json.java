package dev.partnerflow.core.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one Jackson setup the library uses for configs and documents. No default typing, ever. */
public final class Json {
  private Json() {}

  /** Strict mapper for binding node configs: unknown fields fail, no coercion of scalars across types. */
  public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
          .build())
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .serializationInclusion(JsonInclude.Include.NON_ABSENT)
      .build();

  /** Converts a typed config (a record) into a frozen JSON-like map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toMap(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return freezeMap((Map<String, ?>) map);
    }
    Map<String, Object> raw = MAPPER.convertValue(value, LinkedHashMap.class);
    return freezeMap(raw);
  }

  /** Maps up to this many keys are stored compactly (see {@link SmallMap}). */
  private static final int SMALL_MAP_MAX = 12;

  /** Deep, order-keeping, null-tolerant unmodifiable copy of a JSON-like map. Already-frozen maps are reused. */
  public static Map<String, Object> freezeMap(Map<String, ?> map) {
    if (map instanceof SmallMap small) {
      return small;
    }
    if (map.isEmpty()) {
      return Map.of();
    }
    if (map.size() <= SMALL_MAP_MAX) {
      Object[] kv = new Object[map.size() * 2];
      int i = 0;
      for (Map.Entry<String, ?> e : map.entrySet()) {
        kv[i++] = java.util.Objects.requireNonNull(e.getKey(), "map keys must not be null");
        kv[i++] = freeze(e.getValue());
      }
      return new SmallMap(kv);
    }
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, freeze(v)));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * A frozen map over alternating keys and values that are already frozen (strings, numbers, booleans, null, or
   * results of this class). No copy; the caller must not touch the array afterwards.
   */
  public static Map<String, Object> ofFrozen(Object[] keysAndValues) {
    return keysAndValues.length == 0 ? Map.of() : new SmallMap(keysAndValues);
  }

  /**
   * A frozen copy of a frozen map with one entry set (added at the end, or replaced in place). Cheap for the small
   * maps of step outputs: one array copy.
   */
  @SuppressWarnings("unchecked")
  public static <V> Map<String, V> with(Map<String, V> frozen, String key, V value) {
    if (frozen.size() >= SMALL_MAP_MAX) {
      LinkedHashMap<String, V> copy = new LinkedHashMap<>(frozen);
      copy.put(key, value);
      return Collections.unmodifiableMap(copy);
    }
    Object[] kv = new Object[(frozen.size() + 1) * 2];
    int i = 0;
    boolean replaced = false;
    for (Map.Entry<String, V> e : frozen.entrySet()) {
      kv[i++] = e.getKey();
      if (e.getKey().equals(key)) {
        kv[i++] = value;
        replaced = true;
      } else {
        kv[i++] = e.getValue();
      }
    }
    if (replaced) {
      kv = java.util.Arrays.copyOf(kv, i);
    } else {
      kv[i++] = key;
      kv[i] = value;
    }
    return (Map<String, V>) (Map<String, ?>) new SmallMap(kv);
  }

  @SuppressWarnings("unchecked")
  private static Object freeze(Object value) {
    if (value instanceof Map<?, ?> map) {
      return freezeMap((Map<String, ?>) map);
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        return List.of();
      }
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(freeze(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
