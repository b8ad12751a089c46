package dev.partnerflow.triggers.internal;

import java.math.BigDecimal;
import java.util.Objects;

/** Argument checks whose messages have the shape "{@code <field> must be <rule>, but was <value>}". */
public final class Checks {
  private Checks() {}

  public static String requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank, but was " + quote(value));
    }
    return value;
  }

  public static <T> T requireNonNull(String field, T value) {
    return Objects.requireNonNull(value, () -> field + " must not be null");
  }

  public static BigDecimal requireNonNegative(String field, BigDecimal value) {
    if (value != null && value.signum() < 0) {
      throw new IllegalArgumentException(field + " must be at least 0, but was " + value.toPlainString());
    }
    return value;
  }

  public static int requireNonNegative(String field, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be at least 0, but was " + value);
    }
    return value;
  }

  /** Null for null or blank, else the trimmed text. */
  public static String trimToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  public static String quote(String value) {
    return value == null ? "null" : "'" + value + "'";
  }
}
