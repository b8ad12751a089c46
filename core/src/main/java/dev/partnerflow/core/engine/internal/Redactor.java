package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.run.StepAttempt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a step's secrets out of run records: secret fields of the input are replaced, and any secret value that a
 * step echoed into its output or error message is cut out as well.
 */
final class Redactor {
  private static final int MIN_SECRET_LENGTH = 4;
  private final List<String> secrets;
  private final Set<String> secretFields;

  private Redactor(Set<String> secretFields, List<String> secrets) {
    this.secretFields = secretFields;
    this.secrets = secrets;
  }

  static Redactor of(Set<String> secretFields, Map<String, Object> renderedConfig) {
    if (secretFields.isEmpty()) {
      return new Redactor(secretFields, List.of());
    }
    List<String> values = new ArrayList<>();
    for (String field : secretFields) {
      collect(renderedConfig.get(field), values);
    }
    values.sort((a, b) -> b.length() - a.length());
    return new Redactor(secretFields, values);
  }

  private static void collect(Object value, List<String> into) {
    if (value instanceof String s && s.length() >= MIN_SECRET_LENGTH) {
      into.add(s);
    } else if (value instanceof Map<?, ?> m) {
      m.values().forEach(v -> collect(v, into));
    } else if (value instanceof List<?> l) {
      l.forEach(v -> collect(v, into));
    }
  }

  Map<String, Object> input(Map<String, Object> rendered) {
    if (secretFields.isEmpty()) {
      return rendered;
    }
    Map<String, Object> out = new LinkedHashMap<>(rendered);
    for (String field : secretFields) {
      if (out.get(field) != null) {
        out.put(field, StepAttempt.REDACTED);
      }
    }
    return out;
  }

  String text(String message) {
    if (message == null || secrets.isEmpty()) {
      return message;
    }
    String out = message;
    for (String secret : secrets) {
      out = out.replace(secret, StepAttempt.REDACTED);
    }
    return out;
  }

  Map<String, Object> output(Map<String, Object> output) {
    if (secrets.isEmpty() || output.isEmpty()) {
      return output;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> cleaned = (Map<String, Object>) scrub(output);
    return cleaned;
  }

  private Object scrub(Object value) {
    if (value instanceof String s) {
      return text(s);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, scrub(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(scrub(v)));
      return out;
    }
    return value;
  }
}
