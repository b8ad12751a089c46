package dev.partnerflow.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.partnerflow.core.pickers.Specialization;
import dev.partnerflow.core.pickers.TrainingModule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the picker endpoints, field by field, so that renaming a record component never changes the
 * wire format and nothing the host adds to its records leaks out.
 */
public final class HttpJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private HttpJson() {}

  public static Map<String, Object> specialization(Specialization s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.put("organizationId", s.organizationId());
    out.put("title", s.title());
    out.put("description", s.description());
    out.put("isPublished", s.published());
    return out;
  }

  public static Map<String, Object> training(TrainingModule t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("organizationId", t.organizationId());
    out.put("title", t.title());
    out.put("description", t.description());
    out.put("tags", t.tags());
    out.put("specializationId", t.specializationId());
    out.put("durationMinutes", t.durationMinutes());
    out.put("isPublished", t.published());
    return out;
  }

  public static Map<String, Object> error(String code, String message) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("error", code);
    out.put("message", message);
    return out;
  }

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  public static List<Map<String, Object>> specializations(List<Specialization> list) {
    return list.stream().map(HttpJson::specialization).toList();
  }

  public static List<Map<String, Object>> trainings(List<TrainingModule> list) {
    return list.stream().map(HttpJson::training).toList();
  }
}
