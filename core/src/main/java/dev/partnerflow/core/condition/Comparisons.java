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
      return decimal(x).compareTo(decimal(y)) == 0;
    }
    return a != null && a.equals(b);
  }

  private static boolean comparable(Object a, Object b) {
    return (a instanceof Number && b instanceof Number) || (a instanceof String && b instanceof String);
  }

  private static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return decimal(x).compareTo(decimal(y));
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

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigDecimal b) {
      return b;
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return new BigDecimal(n.toString());
  }
}
