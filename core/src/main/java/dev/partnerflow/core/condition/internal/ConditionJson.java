package dev.partnerflow.core.condition.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import dev.partnerflow.core.condition.Condition;
import dev.partnerflow.core.condition.Operator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** JSON shape of {@link Condition}: chosen by the keys present, never by a class name. */
public final class ConditionJson {
  private static final Set<String> COMPARE_KEYS = Set.of("field", "op", "value");

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

  public static final class Reader extends JsonDeserializer<Condition> {
    @Override
    public Condition deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = ctxt.readTree(p);
      return read(node, "condition", p, ctxt);
    }

    private Condition read(JsonNode node, String where, JsonParser p, DeserializationContext ctxt)
        throws IOException {
      if (node == null || !node.isObject()) {
        return ctxt.reportInputMismatch(Condition.class,
            "%s must be an object with 'all', 'any', 'not' or 'field'/'op'/'value', but was %s", where,
            node == null ? "missing" : node.getNodeType().name().toLowerCase());
      }
      if (node.size() == 1 && (node.has("all") || node.has("any"))) {
        boolean all = node.has("all");
        String key = all ? "all" : "any";
        JsonNode list = node.get(key);
        if (!list.isArray()) {
          return ctxt.reportInputMismatch(Condition.class, "%s.%s must be an array of conditions", where, key);
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
          return ctxt.reportInputMismatch(Condition.class,
              "%s has unknown key '%s': a condition is {\"all\":[...]}, {\"any\":[...]}, {\"not\":{...}} or"
                  + " {\"field\":...,\"op\":...,\"value\":...}", where, name);
        }
      }
      JsonNode field = node.get("field");
      JsonNode op = node.get("op");
      if (field == null || !field.isTextual() || op == null || !op.isTextual()) {
        return ctxt.reportInputMismatch(Condition.class, "%s needs text 'field' and 'op'", where);
      }
      Object value = node.has("value") ? ctxt.readTreeAsValue(node.get("value"), Object.class) : null;
      try {
        return new Condition.Compare(field.asText(), Operator.fromWire(op.asText()), value);
      } catch (IllegalArgumentException e) {
        return ctxt.reportInputMismatch(Condition.class, "%s: %s", where, e.getMessage());
      }
    }
  }
}
