package dev.partnerflow.core.condition;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.partnerflow.core.condition.internal.ConditionJson;
import dev.partnerflow.core.event.Event;
import java.util.List;
import java.util.Objects;

/**
 * A condition over event data, as data: field-path comparisons combined with all/any/not. There is no expression
 * language and nothing is evaluated as code.
 *
 * <p>JSON forms: {@code {"field":"partner.tier","op":"eq","value":"Gold"}}, {@code {"all":[...]}},
 * {@code {"any":[...]}}, {@code {"not":{...}}}.
 *
 * <pre>{@code
 * Condition bigGoldDeal = Condition.all(
 *     Condition.compare("partner.tier", Operator.EQ_IGNORE_CASE, "gold"),
 *     Condition.compare("deal.amount", Operator.GTE, 50_000));
 * boolean yes = bigGoldDeal.test(event.data());
 * }</pre>
 */
@JsonSerialize(using = ConditionJson.Writer.class)
@JsonDeserialize(using = ConditionJson.Reader.class)
public sealed interface Condition {

  /** Evaluates against a JSON-like root (usually {@link Event#data()}). */
  boolean test(Object root);

  static Condition all(Condition... conditions) {
    return new All(List.of(conditions));
  }

  static Condition any(Condition... conditions) {
    return new Any(List.of(conditions));
  }

  static Condition not(Condition condition) {
    return new Not(condition);
  }

  static Condition compare(String field, Operator op, Object value) {
    return new Compare(field, op, value);
  }

  static Condition exists(String field) {
    return new Compare(field, Operator.EXISTS, null);
  }

  /** True when every condition holds (and when there are none). */
  record All(List<Condition> conditions) implements Condition {
    public All {
      conditions = List.copyOf(Objects.requireNonNull(conditions, "all must not be null"));
    }

    @Override
    public boolean test(Object root) {
      for (Condition c : conditions) {
        if (!c.test(root)) {
          return false;
        }
      }
      return true;
    }
  }

  /** True when at least one condition holds (false when there are none). */
  record Any(List<Condition> conditions) implements Condition {
    public Any {
      conditions = List.copyOf(Objects.requireNonNull(conditions, "any must not be null"));
    }

    @Override
    public boolean test(Object root) {
      for (Condition c : conditions) {
        if (c.test(root)) {
          return true;
        }
      }
      return false;
    }
  }

  /** True when the condition does not hold. */
  record Not(Condition condition) implements Condition {
    public Not {
      Objects.requireNonNull(condition, "not must not be null");
    }

    @Override
    public boolean test(Object root) {
      return !condition.test(root);
    }
  }

  /**
   * Compares the value at a dotted field path with an operand.
   *
   * @param field dotted path such as {@code deal.amount}
   * @param op the operator
   * @param value the operand: a string, number, boolean or (for {@code in}) a list; null for unary operators
   */
  record Compare(String field, Operator op, Object value) implements Condition {
    public Compare {
      if (field == null || field.isBlank()) {
        throw new IllegalArgumentException("condition.field must not be blank, but was "
            + (field == null ? "null" : "'" + field + "'"));
      }
      Objects.requireNonNull(op, "condition.op must not be null (field '" + field + "')");
      if (!op.unary() && value == null) {
        throw new IllegalArgumentException("condition.value must be given for op '" + op.wireName()
            + "' (field '" + field + "')");
      }
      if (op == Operator.IN && !(value instanceof List<?>)) {
        throw new IllegalArgumentException("condition.value must be a list for op 'in', but was " + value
            + " (field '" + field + "')");
      }
      if (value instanceof List<?> list) {
        value = List.copyOf(list);
      }
    }

    @Override
    public boolean test(Object root) {
      return Comparisons.evaluate(op, Event.resolve(root, field), value);
    }
  }
}
