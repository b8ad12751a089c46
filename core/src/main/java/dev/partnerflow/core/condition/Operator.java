package dev.partnerflow.core.condition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a {@link Condition.Compare} compares the value at a field path with its operand.
 *
 * <p>Numbers compare numerically whatever their Java type ({@code 5} equals {@code 5.0}); strings compare exactly
 * ({@code eq}, {@code neq}, {@code in}, {@code contains}) unless the operator says {@code _ignore_case}. Ordering
 * operators ({@code gt}, ...) compare numbers numerically, ISO-8601 dates and other strings lexicographically, and
 * are false when either side is missing or the kinds differ.
 */
public enum Operator {
  EQ("eq"),
  NEQ("neq"),
  EQ_IGNORE_CASE("eq_ignore_case"),
  GT("gt"),
  GTE("gte"),
  LT("lt"),
  LTE("lte"),
  /** String contains a substring, or list contains an element. */
  CONTAINS("contains"),
  /** Value equals one of a list of operands. */
  IN("in"),
  /** The field is present and not null. Takes no operand. */
  EXISTS("exists"),
  /** The field is absent, null, an empty string or an empty list. Takes no operand. */
  IS_EMPTY("is_empty");

  private final String wireName;

  Operator(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** True for operators that take no operand. */
  public boolean unary() {
    return this == EXISTS || this == IS_EMPTY;
  }

  /**
   * @throws IllegalArgumentException naming the accepted operators
   */
  @JsonCreator
  public static Operator fromWire(String value) {
    for (Operator op : values()) {
      if (op.wireName.equals(value)) {
        return op;
      }
    }
    throw new IllegalArgumentException("op must be one of ["
        + Arrays.stream(values()).map(Operator::wireName).collect(Collectors.joining(", ")) + "], but was '"
        + (value == null ? "null" : value.toLowerCase(Locale.ROOT)) + "'");
  }
}
