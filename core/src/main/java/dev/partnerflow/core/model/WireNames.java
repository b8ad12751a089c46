package dev.partnerflow.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

final class WireNames {
  private WireNames() {}

  static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    if (value != null) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(value.trim())) {
          return constant;
        }
      }
    }
    String allowed = Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
    throw new IllegalArgumentException(
        field + " must be one of [" + allowed + "], but was " + (value == null ? "null" : "'" + value + "'"));
  }
}
