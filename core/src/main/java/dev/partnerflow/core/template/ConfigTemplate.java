package dev.partnerflow.core.template;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import dev.partnerflow.core.PartnerflowException;
import dev.partnerflow.core.internal.Json;
import dev.partnerflow.core.nodes.StepFailedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code {{...}}} placeholders of one node's config, compiled once (per workflow version) and rendered per run.
 *
 * <p>Every string in the config, at any depth, is a Mustache template rendered against the run's context:
 * the event data at the top level ({@code {{partner.name}}}, {@code {{deal.amount}}}), {@code trigger} (type,
 * from, to), {@code workflow} (id, name), {@code organization} (id) and {@code steps.<nodeId>} (outputs of earlier
 * steps). Fields named as HTML are HTML-escaped; others are not. A rendered value is never evaluated again, so a
 * partner called <code>{{7*7}}</code> comes out literally.
 *
 * <p>A missing value fails the step, naming the placeholder and the node. For a fallback, use an inverted section:
 * <code>Hi {{#partner.primaryContact.firstName}}{{partner.primaryContact.firstName}}{{/partner.primaryContact.firstName}}{{^partner.primaryContact.firstName}}there{{/partner.primaryContact.firstName}}</code>.
 *
 * <pre>{@code
 * ConfigTemplate t = ConfigTemplate.compile("welcome", node.config(), Set.of("html"), Set.of("subject", "to"));
 * Map<String, Object> rendered = t.render(context);
 * }</pre>
 */
public final class ConfigTemplate {
  private static final Mustache.Collector DATA_ONLY = new DataOnlyCollector();
  private static final Mustache.Compiler TEXT =
      Mustache.compiler().escapeHTML(false).strictSections(false).withCollector(DATA_ONLY);
  private static final Mustache.Compiler HTML =
      Mustache.compiler().escapeHTML(true).strictSections(false).withCollector(DATA_ONLY);

  private final String nodeId;
  private final Map<String, Object> compiled;
  private final Set<String> headerFields;
  private final boolean hasTemplates;

  private ConfigTemplate(String nodeId, Map<String, Object> compiled, Set<String> headerFields, boolean any) {
    this.nodeId = nodeId;
    this.compiled = compiled;
    this.headerFields = headerFields;
    this.hasTemplates = any;
  }

  /**
   * Compiles every string of a config.
   *
   * @param htmlFields top-level fields rendered with HTML escaping
   * @param headerFields top-level fields whose rendered values must not contain line breaks
   * @throws TemplateSyntaxException naming the node, the field and the parse error
   */
  public static ConfigTemplate compile(String nodeId, Map<String, Object> config, Set<String> htmlFields,
      Set<String> headerFields) {
    Objects.requireNonNull(config, "config must not be null");
    boolean[] any = {false};
    Map<String, Object> compiled = new LinkedHashMap<>();
    config.forEach((field, value) ->
        compiled.put(field, compileValue(nodeId, field, value, htmlFields.contains(field) ? HTML : TEXT, any)));
    return new ConfigTemplate(nodeId, compiled, Set.copyOf(headerFields), any[0]);
  }

  /** Every template syntax problem of a config, as "field: message" sentences (empty when all parse). */
  public static List<String> problems(Map<String, Object> config) {
    return List.copyOf(problemsByField(config).values());
  }

  /**
   * The same problems as {@link #problems}, each under the dotted path of its field ({@code body},
   * {@code headers.X-Id}, {@code to[0]}), in order.
   */
  public static Map<String, String> problemsByField(Map<String, Object> config) {
    Map<String, String> problems = new LinkedHashMap<>();
    config.forEach((field, value) -> collectProblems(field, value, problems));
    return problems;
  }

  private static void collectProblems(String path, Object value, Map<String, String> problems) {
    if (value instanceof String s && s.contains("{{")) {
      try {
        TEXT.compile(s);
      } catch (MustacheException e) {
        problems.put(path, "'" + path + "' has a template that does not parse: " + e.getMessage());
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectProblems(path + "." + k, v, problems));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collectProblems(path + "[" + i + "]", list.get(i), problems);
      }
    }
  }

  private static Object compileValue(String nodeId, String path, Object value, Mustache.Compiler compiler,
      boolean[] any) {
    if (value instanceof String s) {
      if (!s.contains("{{")) {
        return s;
      }
      try {
        any[0] = true;
        return new Compiled(path, compiler.compile(s));
      } catch (MustacheException e) {
        throw new TemplateSyntaxException(nodeId, path, e.getMessage(), e);
      }
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, compileValue(nodeId, path + "." + k, v, compiler, any)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(compileValue(nodeId, path + "[" + i + "]", list.get(i), compiler, any));
      }
      return out;
    }
    return value;
  }

  /** Top-level fields that hold at least one placeholder (at any depth inside them). */
  public Set<String> templatedFields() {
    java.util.Set<String> fields = new java.util.LinkedHashSet<>();
    compiled.forEach((field, value) -> {
      if (containsTemplate(value)) {
        fields.add(field);
      }
    });
    return fields;
  }

  private static boolean containsTemplate(Object value) {
    if (value instanceof Compiled) {
      return true;
    }
    if (value instanceof Map<?, ?> map) {
      return map.values().stream().anyMatch(ConfigTemplate::containsTemplate);
    }
    if (value instanceof List<?> list) {
      return list.stream().anyMatch(ConfigTemplate::containsTemplate);
    }
    return false;
  }

  /** True when at least one string holds a placeholder. */
  public boolean hasTemplates() {
    return hasTemplates;
  }

  /**
   * Renders against a context.
   *
   * @throws StepFailedException (permanent) naming the placeholder and the node when a value is missing, or the
   *     field when a header value would contain a line break
   */
  public Map<String, Object> render(Map<String, Object> context) {
    Object[] kv = new Object[compiled.size() * 2];
    int i = 0;
    for (Map.Entry<String, Object> e : compiled.entrySet()) {
      String field = e.getKey();
      Object rendered = renderValue(e.getValue(), context);
      if (headerFields.contains(field)) {
        refuseLineBreaks(field, rendered);
      }
      kv[i++] = field;
      kv[i++] = rendered;
    }
    return Json.ofFrozen(kv);
  }

  private Object renderValue(Object value, Map<String, Object> context) {
    if (value instanceof Compiled c) {
      try {
        return c.template.execute(context);
      } catch (MustacheException.Context e) {
        throw new MissingValueException(nodeId, c.path, e.key);
      } catch (MustacheException e) {
        throw StepFailedException.permanent("node '" + nodeId + "': template of '" + c.path + "' failed: "
            + e.getMessage());
      }
    }
    if (value instanceof Map<?, ?> map) {
      Object[] kv = new Object[map.size() * 2];
      int i = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        kv[i++] = e.getKey();
        kv[i++] = renderValue(e.getValue(), context);
      }
      return Json.ofFrozen(kv);
    }
    if (value instanceof List<?> list) {
      Object[] out = new Object[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = renderValue(list.get(i), context);
      }
      return java.util.Collections.unmodifiableList(java.util.Arrays.asList(out));
    }
    return value;
  }

  private void refuseLineBreaks(String field, Object value) {
    Optional<String> at = lineBreakAt(field, value);
    if (at.isPresent()) {
      throw StepFailedException.permanent("node '" + nodeId + "': '" + at.get()
          + "' must not contain a line break after rendering (header injection refused)");
    }
  }

  /**
   * Where a header-bound value holds a carriage return or line feed: the path of the first such string ({@code
   * subject}, {@code to[1]}, {@code headers.X-Team}, a map key counting as well), or empty when there is none. The
   * one check behind both activation (the config as written, templates included) and rendering (the whole rendered
   * value), so a header can never be split, whether the line break was typed or came from event data.
   *
   * @param field the top-level field name, the start of the path
   * @param value the field's value: a string, or lists and maps of them at any depth
   */
  public static Optional<String> lineBreakAt(String field, Object value) {
    if (value instanceof String s) {
      return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 ? Optional.of(field) : Optional.empty();
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Optional<String> at = lineBreakAt(field + "[" + i + "]", list.get(i));
        if (at.isPresent()) {
          return at;
        }
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        Optional<String> at = lineBreakAt(field + "." + key, key);
        if (at.isEmpty()) {
          at = lineBreakAt(field + "." + key, e.getValue());
        }
        if (at.isPresent()) {
          return at;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Every placeholder and section name of a config's templates, at any depth, in order. Strings whose template
   * does not parse are skipped ({@link #problems} reports them). Names inside a section may be relative to it:
   * each placeholder carries the sections opened before it in the same string.
   */
  public static List<Placeholder> placeholders(Map<String, Object> config) {
    List<Placeholder> found = new ArrayList<>();
    config.forEach((field, value) -> collectPlaceholders(field, value, found));
    return found;
  }

  private static void collectPlaceholders(String path, Object value, List<Placeholder> found) {
    if (value instanceof String s && s.contains("{{")) {
      Template template;
      try {
        template = TEXT.compile(s);
      } catch (MustacheException e) {
        return;
      }
      List<String> sections = new ArrayList<>();
      template.visit(new Mustache.Visitor() {
        @Override
        public void visitText(String text) {}

        @Override
        public void visitVariable(String name) {
          found.add(new Placeholder(path, name, List.copyOf(sections)));
        }

        @Override
        public boolean visitInclude(String name) {
          return false;
        }

        @Override
        public boolean visitSection(String name) {
          found.add(new Placeholder(path, name, List.copyOf(sections)));
          sections.add(name);
          return true;
        }

        @Override
        public boolean visitInvertedSection(String name) {
          return visitSection(name);
        }
      });
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectPlaceholders(path + "." + k, v, found));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collectPlaceholders(path + "[" + i + "]", list.get(i), found);
      }
    }
  }

  /**
   * One name a template looks up.
   *
   * @param field the config path of the string ({@code subject}, {@code body.name}, {@code to[0]})
   * @param name the dotted name ({@code partner.name}); for a section, the section's name
   * @param sections names of the sections opened earlier in the same string (jmustache reports no section ends,
   *     so a section closed before the name is included too); a name may resolve relative to any of them
   */
  public record Placeholder(String field, String name, List<String> sections) {
    public Placeholder {
      Objects.requireNonNull(field, "field must not be null");
      Objects.requireNonNull(name, "name must not be null");
      sections = List.copyOf(sections);
    }
  }

  private record Compiled(String path, Template template) {}

  /**
   * Resolves names against maps only (and list or array elements by index), never against the fields or methods
   * of an object: jmustache's default collector would let {@code {{partner.name.bytes}}} call {@code
   * String.getBytes()} or {@code {{partner.class}}} reach {@code getClass()}. Such a name is a missing value.
   */
  private static final class DataOnlyCollector extends BasicCollector {
    @Override
    public Mustache.VariableFetcher createFetcher(Object ctx, String name) {
      if (ctx instanceof Mustache.CustomContext) {
        return null;
      }
      return super.createFetcher(ctx, name);
    }

    @Override
    public <K, V> Map<K, V> createFetcherCache() {
      return new ConcurrentHashMap<>();
    }
  }

  /** A template in a node's config does not parse. */
  public static final class TemplateSyntaxException extends PartnerflowException {
    private static final long serialVersionUID = 1L;

    TemplateSyntaxException(String nodeId, String field, String message, Throwable cause) {
      super("node '" + nodeId + "': '" + field + "' has a template that does not parse: " + message, cause);
    }
  }

  /** A placeholder had no value and no fallback; fails the step permanently. */
  public static final class MissingValueException extends StepFailedException {
    private static final long serialVersionUID = 1L;
    private final String placeholder;

    MissingValueException(String nodeId, String field, String placeholder) {
      super("node '" + nodeId + "': '" + field + "' uses {{" + placeholder + "}}, which has no value in this run;"
          + " give a fallback with {{^" + placeholder + "}}...{{/" + placeholder + "}}", false, null, null);
      this.placeholder = placeholder;
    }

    public String placeholder() {
      return placeholder;
    }
  }
}
