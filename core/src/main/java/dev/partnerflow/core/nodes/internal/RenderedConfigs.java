package dev.partnerflow.core.nodes.internal;

import dev.partnerflow.core.nodes.ConfigBinding;
import dev.partnerflow.core.nodes.NodeType;
import jakarta.validation.Validator;
import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Binds and checks a config after its templates were rendered, on the hot path of every step.
 *
 * <p>The config was fully validated at activation with its placeholders in place, so after rendering only the
 * fields that held templates can have changed (and getter rules such as "text or html" that read them). This class
 * precomputes, once per node, a direct binding into the config record's canonical constructor and quick checks of
 * the common constraints on those fields. Whenever it is unsure (an unusual type or constraint) or a check fails, it
 * falls back to the full Jackson binding and Bean Validation, so results and messages are the same as
 * {@link ConfigBinder#bind}.
 */
public final class RenderedConfigs<C> {
  private final NodeType<C> type;
  private final ConfigBinder binder;
  private final FastBinder fastBinder;
  private final List<Predicate<Object>> checks;

  private RenderedConfigs(NodeType<C> type, ConfigBinder binder, FastBinder fastBinder,
      List<Predicate<Object>> checks) {
    this.type = type;
    this.binder = binder;
    this.fastBinder = fastBinder;
    this.checks = checks;
  }

  /**
   * @param templatedFields top-level config fields that hold templates
   */
  public static <C> RenderedConfigs<C> of(NodeType<C> type, Set<String> templatedFields) {
    ConfigBinder binder = ConfigBinder.shared();
    Class<C> configType = type.configType();
    FastBinder fast = FastBinder.of(configType);
    List<Predicate<Object>> checks = fast == null ? null : Checks.of(configType, templatedFields, binder.validator());
    return new RenderedConfigs<>(type, binder, checks == null ? null : fast, checks);
  }

  /** Same result as {@code ConfigBinder.shared().bind(type, rendered)}, usually much faster. */
  @SuppressWarnings("unchecked")
  public ConfigBinding<C> bind(Map<String, Object> rendered) {
    if (fastBinder != null) {
      Object value = fastBinder.bind(rendered);
      if (value != null && allPass(value)) {
        return new ConfigBinding<>(Optional.of((C) value), List.of());
      }
    }
    return binder.bind(type, rendered);
  }

  private boolean allPass(Object value) {
    for (Predicate<Object> check : checks) {
      if (!check.test(value)) {
        return false;
      }
    }
    return true;
  }

  /** Calls a record's canonical constructor with map values whose types need no conversion. */
  static final class FastBinder {
    private enum Kind { STRING, STRING_LIST, MAP, ANY, INTEGER, BOOLEAN }

    private final String[] names;
    private final Kind[] kinds;
    private final Constructor<?> constructor;

    private FastBinder(String[] names, Kind[] kinds, Constructor<?> constructor) {
      this.names = names;
      this.kinds = kinds;
      this.constructor = constructor;
    }

    static FastBinder of(Class<?> type) {
      if (!type.isRecord() || hasJacksonAnnotations(type.getAnnotations())) {
        return null;
      }
      RecordComponent[] components = type.getRecordComponents();
      String[] names = new String[components.length];
      Kind[] kinds = new Kind[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        if (hasJacksonAnnotations(c.getAnnotations())) {
          return null;
        }
        names[i] = c.getName();
        types[i] = c.getType();
        kinds[i] = kind(c.getGenericType());
        if (kinds[i] == null) {
          return null;
        }
      }
      try {
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        for (Constructor<?> ctor : type.getDeclaredConstructors()) {
          if (ctor.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonCreator.class)) {
            return null;
          }
        }
        canonical.setAccessible(true);
        return new FastBinder(names, kinds, canonical);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    private static boolean hasJacksonAnnotations(Annotation[] annotations) {
      for (Annotation a : annotations) {
        if (a.annotationType().getName().startsWith("com.fasterxml.jackson")) {
          return true;
        }
      }
      return false;
    }

    private static Kind kind(Type generic) {
      if (generic == String.class) {
        return Kind.STRING;
      }
      if (generic == Object.class) {
        return Kind.ANY;
      }
      if (generic == Integer.class) {
        return Kind.INTEGER;
      }
      if (generic == Boolean.class) {
        return Kind.BOOLEAN;
      }
      if (generic instanceof ParameterizedType p) {
        Type[] args = p.getActualTypeArguments();
        if (p.getRawType() == List.class && args[0] == String.class) {
          return Kind.STRING_LIST;
        }
        if (p.getRawType() == Map.class && args[0] == String.class && args[1] == Object.class) {
          return Kind.MAP;
        }
      }
      return null;
    }

    /** The record, or null when a value needs conversion or the constructor refuses (the slow path decides). */
    Object bind(Map<String, Object> values) {
      int matched = 0;
      Object[] args = new Object[names.length];
      for (int i = 0; i < names.length; i++) {
        Object v = values.get(names[i]);
        if (v != null) {
          matched++;
          if (!fits(kinds[i], v)) {
            return null;
          }
        }
        args[i] = v;
      }
      if (matched != countNonNull(values)) {
        return null;
      }
      try {
        return constructor.newInstance(args);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    private static boolean allStrings(List<?> list) {
      for (Object e : list) {
        if (!(e instanceof String)) {
          return false;
        }
      }
      return true;
    }

    private static int countNonNull(Map<String, Object> values) {
      int n = 0;
      for (Object v : values.values()) {
        if (v != null) {
          n++;
        }
      }
      return n;
    }

    private static boolean fits(Kind kind, Object v) {
      return switch (kind) {
        case STRING -> v instanceof String;
        case ANY -> true;
        case INTEGER -> v instanceof Integer;
        case BOOLEAN -> v instanceof Boolean;
        case MAP -> v instanceof Map<?, ?>;
        case STRING_LIST -> v instanceof List<?> list && allStrings(list);
      };
    }
  }

  /** Quick checks of the common constraints; null when some rule is not understood (always use the slow path). */
  static final class Checks {
    private Checks() {}

    static List<Predicate<Object>> of(Class<?> type, Set<String> templatedFields, Validator validator) {
      BeanDescriptor bean = validator.getConstraintsForClass(type);
      if (!bean.getConstraintDescriptors().isEmpty()) {
        return null;
      }
      Map<String, RecordComponent> components = new HashMap<>();
      for (RecordComponent c : type.getRecordComponents()) {
        components.put(c.getName(), c);
      }
      List<Predicate<Object>> checks = new ArrayList<>();
      for (PropertyDescriptor property : bean.getConstrainedProperties()) {
        String name = property.getPropertyName();
        RecordComponent component = components.get(name);
        if (property.isCascaded()) {
          return null;
        }
        if (component != null && !templatedFields.contains(name)) {
          continue;
        }
        Method accessor = component != null ? component.getAccessor() : getter(type, name);
        if (accessor == null) {
          return null;
        }
        MethodHandle read;
        try {
          accessor.setAccessible(true);
          read = MethodHandles.lookup().unreflect(accessor);
        } catch (ReflectiveOperationException | RuntimeException e) {
          return null;
        }
        List<Predicate<Object>> valueChecks = new ArrayList<>();
        for (ConstraintDescriptor<?> d : property.getConstraintDescriptors()) {
          Predicate<Object> p = check(d.getAnnotation());
          if (p == null) {
            return null;
          }
          valueChecks.add(p);
        }
        for (ContainerElementTypeDescriptor element : property.getConstrainedContainerElementTypes()) {
          if (!element.getConstrainedContainerElementTypes().isEmpty() || element.isCascaded()) {
            return null;
          }
          List<Predicate<Object>> elementChecks = new ArrayList<>();
          for (ConstraintDescriptor<?> d : element.getConstraintDescriptors()) {
            Predicate<Object> p = check(d.getAnnotation());
            if (p == null) {
              return null;
            }
            elementChecks.add(p);
          }
          Predicate<Object> all = v -> {
            for (Predicate<Object> c : elementChecks) {
              if (!c.test(v)) {
                return false;
              }
            }
            return true;
          };
          Integer index = element.getTypeArgumentIndex();
          Class<?> container = element.getContainerClass();
          if (container == List.class && Integer.valueOf(0).equals(index)) {
            valueChecks.add(v -> v == null || everyOne(((List<?>) v), all));
          } else if (container == Map.class && Integer.valueOf(0).equals(index)) {
            valueChecks.add(v -> v == null || everyOne(((Map<?, ?>) v).keySet(), all));
          } else if (container == Map.class && Integer.valueOf(1).equals(index)) {
            valueChecks.add(v -> v == null || everyOne(((Map<?, ?>) v).values(), all));
          } else {
            return null;
          }
        }
        checks.add(config -> {
          Object value;
          try {
            value = read.invoke(config);
          } catch (Throwable e) {
            return false;
          }
          for (Predicate<Object> c : valueChecks) {
            if (!c.test(value)) {
              return false;
            }
          }
          return true;
        });
      }
      return List.copyOf(checks);
    }

    private static boolean everyOne(Collection<?> values, Predicate<Object> check) {
      for (Object v : values) {
        if (!check.test(v)) {
          return false;
        }
      }
      return true;
    }

    private static Method getter(Class<?> type, String property) {
      String cap = Character.toUpperCase(property.charAt(0)) + property.substring(1);
      for (String name : List.of("is" + cap, "get" + cap)) {
        try {
          return type.getMethod(name);
        } catch (NoSuchMethodException ignored) {
          // try the next spelling
        }
      }
      return null;
    }

    /** The same decision as the Hibernate validator for these constraints; null for any other constraint. */
    private static Predicate<Object> check(Annotation a) {
      if (a instanceof NotNull) {
        return v -> v != null;
      }
      if (a instanceof NotBlank) {
        return v -> v instanceof CharSequence s && !s.toString().trim().isEmpty();
      }
      if (a instanceof NotEmpty) {
        return v -> v != null && size(v) > 0;
      }
      if (a instanceof Size size) {
        int min = size.min();
        int max = size.max();
        return v -> {
          if (v == null) {
            return true;
          }
          int n = size(v);
          return n >= min && n <= max;
        };
      }
      if (a instanceof Pattern pattern) {
        int flags = 0;
        for (Pattern.Flag f : pattern.flags()) {
          flags |= f.getValue();
        }
        java.util.regex.Pattern compiled = java.util.regex.Pattern.compile(pattern.regexp(), flags);
        return v -> v == null || (v instanceof CharSequence s && compiled.matcher(s).matches());
      }
      if (a instanceof Min min) {
        long bound = min.value();
        return v -> v == null || (v instanceof Integer || v instanceof Long) && ((Number) v).longValue() >= bound;
      }
      if (a instanceof Max max) {
        long bound = max.value();
        return v -> v == null || (v instanceof Integer || v instanceof Long) && ((Number) v).longValue() <= bound;
      }
      if (a instanceof AssertTrue) {
        return v -> v == null || Boolean.TRUE.equals(v);
      }
      if (a instanceof AssertFalse) {
        return v -> v == null || Boolean.FALSE.equals(v);
      }
      return null;
    }

    private static int size(Object v) {
      if (v instanceof CharSequence s) {
        return s.length();
      }
      if (v instanceof Collection<?> c) {
        return c.size();
      }
      if (v instanceof Map<?, ?> m) {
        return m.size();
      }
      if (v.getClass().isArray()) {
        return java.lang.reflect.Array.getLength(v);
      }
      return -1;
    }
  }
}
