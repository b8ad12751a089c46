package dev.partnerflow.jdbc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.partnerflow.core.event.Event;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text of event data, step inputs and outputs: the JSON-like values the core keeps (maps, lists, strings,
 * booleans, null, numbers), read back with their types. Integers come back as Integer, Long or BigInteger by size
 * (as Jackson binds them), decimals as Double when the double is the exact value written, else as BigDecimal, so
 * {@code 120000.50} stays 120000.5 and a 20-digit amount keeps every digit. Dates are strings in the data and stay
 * strings. No polymorphic typing.
 */
public final class JsonCodec {
  private JsonCodec() {}

  static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
          .build())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON cannot be read: " + e.getOriginalMessage(), e);
    }
  }

  /** A frozen JSON-like map (see {@link Event#freezeData}). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readMap(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    Object value = value(tree(json));
    return value instanceof Map<?, ?> m ? Event.freezeData((Map<String, ?>) m) : Map.of();
  }

  static Object value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node instanceof ObjectNode object) {
      Map<String, Object> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        map.put(f.getKey(), value(f.getValue()));
      }
      return map;
    }
    if (node instanceof ArrayNode array) {
      List<Object> list = new ArrayList<>(array.size());
      array.forEach(e -> list.add(value(e)));
      return list;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isInt()) {
      return node.intValue();
    }
    if (node.isLong()) {
      return node.longValue();
    }
    if (node.isBigInteger()) {
      return node.bigIntegerValue();
    }
    if (node.isNumber()) {
      BigDecimal exact = node.decimalValue();
      double d = exact.doubleValue();
      if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(exact) == 0) {
        return d;
      }
      return exact;
    }
    return node.asText();
  }
}
