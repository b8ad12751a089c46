package dev.partnerflow.core.condition;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

final class Comparisons {
  private Comparisons() {}

  static boolean evaluate(Operator op, Object actual, Object operand) {
    return switch (op) {
      case EXISTS -> actual != null;
      case IS_EMPTY -> actual == null
          || (actual instanceof String s && s.isEmpty())
          || (actual instanceof Collection<?> c && c.isEmpty());
      case EQ -> equal(actual, operand);
      case NEQ -> !equal(actual, operand);
      case EQ_IGNORE_CASE -> actual instanceof String a && operand instanceof String b
          ? a.trim().equalsIgnoreCase(b.trim())
          : equal(actual, operand);
      case GT -> comparable(actual, operand) && compare(actual, operand) > 0;
      case GTE -> comparable(actual, operand) && compare(actual, operand) >= 0;
      case LT -> comparable(actual, operand) && compare(actual, operand) < 0;
      case LTE -> comparable(actual, operand) && compare(actual, operand) <= 0;
      case CONTAINS -> contains(actual, operand);
      case IN -> operand instanceof List<?> list && list.stream().anyMatch(o -> equal(actual, o));
    };
  }

  private static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return compareNumbers(x, y) == 0;
    }
    return a != null && a.equals(b);
  }

  /** Numbers and strings are ordered; NaN is ordered with nothing, so every comparison with it is false. */
  private static boolean comparable(Object a, Object b) {
    return (a instanceof Number x && b instanceof Number y && !isNaN(x) && !isNaN(y))
        || (a instanceof String && b instanceof String);
  }

  private static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return compareNumbers(x, y);
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    return 0;
  }

  private static boolean contains(Object actual, Object operand) {
    if (actual instanceof String s && operand instanceof String needle) {
      return s.contains(needle);
    }
    if (actual instanceof Collection<?> c) {
      return c.stream().anyMatch(e -> equal(e, operand));
    }
    return false;
  }

  /**
   * Exact for every finite value; infinities order as doubles do; NaN (and a number whose text is not a decimal)
   * compares as unequal to everything. Never throws.
   */
  private static int compareNumbers(Number x, Number y) {
    if (isNaN(x) || isNaN(y)) {
      return x == y ? 1 : 2; // never 0: NaN equals nothing, not even itself; callers check comparable() first
    }
    BigDecimal a = decimal(x);
    BigDecimal b = decimal(y);
    if (a == null || b == null) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return a.compareTo(b);
  }

  private static boolean isNaN(Number n) {
    return (n instanceof Double || n instanceof Float) && Double.isNaN(n.doubleValue());
  }

  /** The exact value, or null for an infinity or a number whose text is not a decimal. */
  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal b) {
      return b;
    }
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (n instanceof java.math.BigInteger i) {
      return new BigDecimal(i);
    }
    try {
      return new BigDecimal(n.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
