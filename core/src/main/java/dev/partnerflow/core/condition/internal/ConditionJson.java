package dev.partnerflow.core.condition.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.partnerflow.core.condition.Condition;
import dev.partnerflow.core.condition.Operator;
import dev.partnerflow.core.internal.Suggestions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** JSON shape of {@link Condition}: chosen by the keys present, never by a class name. */
public final class ConditionJson {
  private static final Set<String> COMPARE_KEYS = Set.of("field", "op", "value");
  private static final List<String> WIRE_NAMES =
      Arrays.stream(Operator.values()).map(Operator::wireName).toList();
  private static final String OPERATORS = "[" + String.join(", ", WIRE_NAMES) + "]";

  private static Operator operator(String wire) {
    for (Operator op : Operator.values()) {
      if (op.wireName().equals(wire)) {
        return op;
      }
    }
    return null;
  }

  private ConditionJson() {}

  public static final class Writer extends JsonSerializer<Condition> {
    @Override
    public void serialize(Condition value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeStartObject();
      if (value instanceof Condition.All all) {
        gen.writeFieldName("all");
        writeList(all.conditions(), gen, serializers);
      } else if (value instanceof Condition.Any any) {
        gen.writeFieldName("any");
        writeList(any.conditions(), gen, serializers);
      } else if (value instanceof Condition.Not not) {
        gen.writeFieldName("not");
        serialize(not.condition(), gen, serializers);
      } else if (value instanceof Condition.Compare c) {
        gen.writeStringField("field", c.field());
        gen.writeStringField("op", c.op().wireName());
        if (c.value() != null) {
          gen.writeFieldName("value");
          serializers.defaultSerializeValue(c.value(), gen);
        }
      }
      gen.writeEndObject();
    }

    private void writeList(List<Condition> list, JsonGenerator gen, SerializerProvider sp) throws IOException {
      gen.writeStartArray();
      for (Condition c : list) {
        serialize(c, gen, sp);
      }
      gen.writeEndArray();
    }
  }

  /**
   * A condition that cannot be read, located inside the condition ({@code condition.all[1].op}) and phrased for a
   * person: the config binder turns it into a violation as is, instead of "must be an object".
   */
  public static final class InvalidConditionException extends MismatchedInputException {
    private static final long serialVersionUID = 1L;
    private final String where;
    private final String rule;
    private final String badValue;

    InvalidConditionException(JsonParser p, String where, String rule, String badValue) {
      super(p, "'condition" + where + "' " + rule + (badValue == null ? "" : ", but was " + badValue),
          Condition.class);
      this.where = where;
      this.rule = rule;
      this.badValue = badValue;
    }

    /** The path inside the condition, such as {@code .any[0].op}; empty for the condition itself. */
    public String where() {
      return where;
    }

    /** The rule, phrased to follow the path. */
    public String rule() {
      return rule;
    }

    /** The offending value as text, or null. */
    public String badValue() {
      return badValue;
    }
  }

  public static final class Reader extends JsonDeserializer<Condition> {
    @Override
    public Condition deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = ctxt.readTree(p);
      return read(node, "", p, ctxt);
    }

    private Condition read(JsonNode node, String where, JsonParser p, DeserializationContext ctxt)
        throws IOException {
      if (node == null || !node.isObject()) {
        throw new InvalidConditionException(p, where,
            "must be an object with 'all', 'any', 'not' or 'field'/'op'/'value'",
            node == null ? "missing" : node.getNodeType().name().toLowerCase(Locale.ROOT));
      }
      if (node.size() == 1 && (node.has("all") || node.has("any"))) {
        boolean all = node.has("all");
        String key = all ? "all" : "any";
        JsonNode list = node.get(key);
        if (!list.isArray()) {
          throw new InvalidConditionException(p, where + "." + key, "must be an array of conditions",
              list.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        List<Condition> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          items.add(read(list.get(i), where + "." + key + "[" + i + "]", p, ctxt));
        }
        return all ? new Condition.All(items) : new Condition.Any(items);
      }
      if (node.size() == 1 && node.has("not")) {
        return new Condition.Not(read(node.get("not"), where + ".not", p, ctxt));
      }
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!COMPARE_KEYS.contains(name)) {
          throw new InvalidConditionException(p, where, "has unknown key '" + name + "': a condition is"
              + " {\"all\":[...]}, {\"any\":[...]}, {\"not\":{...}} or {\"field\":...,\"op\":...,\"value\":...}",
              null);
        }
      }
      JsonNode field = node.get("field");
      JsonNode op = node.get("op");
      if (field == null || !field.isTextual()) {
        throw new InvalidConditionException(p, where + ".field", "must be a text field path such as 'partner.tier'",
            field == null ? "missing" : field.toString());
      }
      if (op == null || !op.isTextual()) {
        throw new InvalidConditionException(p, where + ".op", "must be one of the operators " + OPERATORS,
            op == null ? "missing" : op.toString());
      }
      Operator operator = operator(op.asText());
      if (operator == null) {
        String typed = op.asText();
        throw new InvalidConditionException(p, where + ".op", "must be one of the operators " + OPERATORS,
            "'" + typed + "'" + Suggestions.closest(typed, WIRE_NAMES).map(c -> " (did you mean '" + c + "'?)")
                .orElse(""));
      }
      Object value = node.has("value") ? ctxt.readTreeAsValue(node.get("value"), Object.class) : null;
      try {
        return new Condition.Compare(field.asText(), operator, value);
      } catch (IllegalArgumentException e) {
        throw new InvalidConditionException(p, where, "is not valid: " + e.getMessage(), null);
      }
    }
  }
}
