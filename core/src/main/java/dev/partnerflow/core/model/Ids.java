package dev.partnerflow.core.model;

import java.util.regex.Pattern;

final class Ids {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,100}");

  private Ids() {}

  static String check(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    if (!ID.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " must be 1 to 100 characters of letters, digits, '-', '_', '.'"
          + " or ':', but was '" + abbreviate(value) + "'");
    }
    return value;
  }

  static String abbreviate(String value) {
    return value.length() <= 60 ? value : value.substring(0, 57) + "...";
  }
}
