package dev.partnerflow.core.nodes.internal;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.partnerflow.core.condition.internal.ConditionJson;
import dev.partnerflow.core.internal.Json;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.ConfigBinding;
import dev.partnerflow.core.nodes.ConfigViolation;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.run.StepAttempt;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.AssertTrue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Binds JSON-like config maps to config records (strict Jackson) and validates them (Bean Validation). */
public final class ConfigBinder {
  private static final ConfigBinder SHARED = new ConfigBinder();
  private static final int MAX_VALUE_TEXT = 80;

  private final Validator validator;
  private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

  private ConfigBinder() {
    ValidatorFactory factory = Validation.byDefaultProvider()
        .configure()
        .messageInterpolator(new ParameterMessageInterpolator())
        .buildValidatorFactory();
    this.validator = factory.getValidator();
  }

  public static ConfigBinder shared() {
    return SHARED;
  }

  public Validator validator() {
    return validator;
  }

  /**
   * Binds and validates a config. Violations of the type's {@linkplain ActionType#secretFields() secret fields}
   * never show the value: "but was a value of 15 characters (secret, not shown)".
   */
  public <C> ConfigBinding<C> bind(NodeType<C> type, Map<String, Object> config) {
    ConfigBinding<C> binding = bindUnmasked(type, config);
    Set<String> secrets = type instanceof ActionType<?> action ? action.secretFields() : Set.of();
    if (binding.violations().isEmpty() || secrets.isEmpty()) {
      return binding;
    }
    Map<String, Object> values = config == null ? Map.of() : config;
    List<ConfigViolation> masked = new ArrayList<>(binding.violations().size());
    for (ConfigViolation v : binding.violations()) {
      masked.add(mask(v, secrets, values));
    }
    return new ConfigBinding<>(binding.config(), masked);
  }

  private static ConfigViolation mask(ConfigViolation v, Set<String> secrets, Map<String, Object> config) {
    String rule = v.rule();
    for (String field : secrets) {
      rule = scrub(rule, config.get(field));
    }
    Optional<String> badValue = v.badValue();
    if (v.field().isPresent() && secrets.contains(topField(v.field().get()))) {
      Object value = config.get(topField(v.field().get()));
      badValue = v.badValue().map(b -> value instanceof String s
          ? "a value of " + s.length() + " characters (secret, not shown)"
          : "a value (secret, not shown)");
    } else if (badValue.isPresent()) {
      String b = badValue.get();
      for (String field : secrets) {
        b = scrub(b, config.get(field));
      }
      badValue = Optional.of(b);
    }
    return new ConfigViolation(v.field(), rule, badValue);
  }

  /** The text without any whole string of a secret value (of at least 4 characters). */
  private static String scrub(String text, Object secret) {
    if (text == null) {
      return null;
    }
    if (secret instanceof String s) {
      return s.length() < 4 ? text : text.replace(s, StepAttempt.REDACTED);
    }
    if (secret instanceof Map<?, ?> map) {
      String out = text;
      for (Object v : map.values()) {
        out = scrub(out, v);
      }
      return out;
    }
    if (secret instanceof List<?> list) {
      String out = text;
      for (Object v : list) {
        out = scrub(out, v);
      }
      return out;
    }
    return text;
  }

  private static String topField(String path) {
    int end = path.length();
    int dot = path.indexOf('.');
    int bracket = path.indexOf('[');
    if (dot >= 0) {
      end = dot;
    }
    if (bracket >= 0 && bracket < end) {
      end = bracket;
    }
    return path.substring(0, end);
  }

  private <C> ConfigBinding<C> bindUnmasked(NodeType<C> type, Map<String, Object> config) {
    C value;
    try {
      JsonNode tree = Json.MAPPER.valueToTree(config == null ? Map.of() : config);
      value = readers.computeIfAbsent(type.configType(), Json.MAPPER::readerFor).readValue(tree);
    } catch (IOException | IllegalArgumentException e) {
      return new ConfigBinding<>(Optional.empty(), List.of(fromJackson(type, config == null ? Map.of() : config, e)));
    }
    if (value == null) {
      return new ConfigBinding<>(Optional.empty(),
          List.of(new ConfigViolation(Optional.empty(), "config must be an object", Optional.of("null"))));
    }
    List<ConfigViolation> violations = validate(value);
    return new ConfigBinding<>(violations.isEmpty() ? Optional.of(value) : Optional.empty(), violations);
  }

  /** Bean Validation of any object, as violations sorted by field. */
  public List<ConfigViolation> validate(Object value) {
    List<ConfigViolation> result = new ArrayList<>();
    for (ConstraintViolation<Object> v : validator.validate(value)) {
      if (v.getConstraintDescriptor().getAnnotation() instanceof AssertTrue) {
        result.add(new ConfigViolation(Optional.empty(), v.getMessage(), Optional.empty()));
      } else {
        result.add(new ConfigViolation(Optional.of(v.getPropertyPath().toString()), v.getMessage(),
            Optional.of(describe(v.getInvalidValue()))));
      }
    }
    result.sort(Comparator.comparing((ConfigViolation c) -> c.field().orElse("")).thenComparing(ConfigViolation::rule));
    return result;
  }

  private static ConfigViolation fromJackson(NodeType<?> type, Map<String, Object> config, Exception e) {
    if (e instanceof ConditionJson.InvalidConditionException c) {
      String at = path(c) + c.where();
      return new ConfigViolation(Optional.of(at.isEmpty() ? "condition" : at), c.rule(),
          Optional.ofNullable(c.badValue()));
    }
    if (e instanceof UnrecognizedPropertyException u) {
      Collection<Object> known = u.getKnownPropertyIds();
      String knownText = known == null ? "" : "; known fields: " + known.stream().map(Object::toString).sorted()
          .collect(Collectors.joining(", ", "[", "]"));
      return new ConfigViolation(Optional.of(path(u)), "is not a field of " + type.name() + knownText,
          Optional.empty());
    }
    if (e instanceof ValueInstantiationException vi && vi.getCause() != null) {
      return new ConfigViolation(Optional.empty(), vi.getCause().getMessage(), Optional.empty());
    }
    if (e instanceof InvalidFormatException f) {
      return new ConfigViolation(Optional.of(path(f)), "must be " + typeName(f.getTargetType()),
          Optional.of(describe(f.getValue())));
    }
    if (e instanceof MismatchedInputException m) {
      String field = path(m);
      return new ConfigViolation(field.isEmpty() ? Optional.empty() : Optional.of(field),
          "must be " + typeName(m.getTargetType()), valueAt(config, m));
    }
    if (e instanceof JsonMappingException j) {
      return new ConfigViolation(Optional.ofNullable(path(j)).filter(p -> !p.isEmpty()),
          firstLine(j.getOriginalMessage()), Optional.empty());
    }
    return new ConfigViolation(Optional.empty(), firstLine(e.getMessage()), Optional.empty());
  }

  /** The value at a binding error's path in the original config, for the message. */
  private static Optional<String> valueAt(Map<String, Object> config, JsonMappingException e) {
    Object current = config;
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null && current instanceof Map<?, ?> map) {
        current = map.get(ref.getFieldName());
      } else if (ref.getIndex() >= 0 && current instanceof List<?> list && ref.getIndex() < list.size()) {
        current = list.get(ref.getIndex());
      } else {
        return Optional.empty();
      }
    }
    return current == null || current instanceof Map<?, ?> ? Optional.empty() : Optional.of(describe(current));
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class || type == java.math.BigDecimal.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == java.time.Duration.class) {
      return "an ISO-8601 duration such as 'P7D' or 'PT30M'";
    }
    if (type == java.time.Instant.class) {
      return "an ISO-8601 instant such as '2026-01-31T09:00:00Z'";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT);
    }
    return "an object";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "is not valid";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** A short, quoted rendering of a bad value for messages. */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    return text.length() <= MAX_VALUE_TEXT ? text : text.substring(0, MAX_VALUE_TEXT - 3) + "...";
  }
}
