package dev.partnerflow.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The route table: (method, path template) to an action. A template is a path whose {@code {name}} segments match
 * one non-empty segment, such as {@code /workflows/{id}/rename}. The first route whose method and template match
 * wins; a path matched only with other methods answers 405 with their names.
 *
 * @param <A> the action type
 */
public final class Router<A> {
  private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z]+)}");

  private record Route<A>(String method, String template, Pattern pattern, List<String> names, A action) {}

  /** What a lookup found: an action with its path parameters, or the methods the path does answer. */
  public record Match<A>(A action, Map<String, String> params, Set<String> allowed) {
    public boolean found() {
      return action != null;
    }

    public boolean pathKnown() {
      return action != null || !allowed.isEmpty();
    }
  }

  private final List<Route<A>> routes = new ArrayList<>();

  /** Adds a route. @throws IllegalArgumentException when the same method and template are already there */
  public Router<A> add(String method, String template, A action) {
    Objects.requireNonNull(action, "action must not be null");
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("route template must start with '/', but was '" + template + "'");
    }
    for (Route<A> r : routes) {
      if (r.method.equals(method) && r.template.equals(template)) {
        throw new IllegalArgumentException("route " + method + " " + template + " is already defined");
      }
    }
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder();
    Matcher m = PARAM.matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    routes.add(new Route<>(method, template, Pattern.compile(regex.toString()), List.copyOf(names), action));
    return this;
  }

  /** Looks up {@code method} and {@code path}. */
  public Match<A> match(String method, String path) {
    Set<String> allowed = new TreeSet<>();
    for (Route<A> r : routes) {
      Matcher m = r.pattern.matcher(path);
      if (!m.matches()) {
        continue;
      }
      if (r.method.equals(method)) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < r.names.size(); i++) {
          params.put(r.names.get(i), m.group(i + 1));
        }
        return new Match<>(r.action, Map.copyOf(params), Set.of());
      }
      allowed.add(r.method);
    }
    return new Match<>(null, Map.of(), Set.copyOf(allowed));
  }

  /** Every template, for {@code handles(path)}. */
  public boolean knows(String path) {
    return routes.stream().anyMatch(r -> r.pattern.matcher(path).matches());
  }
}
