package dev.partnerflow.core.export;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Encodes messages in the WHATWG {@code text/event-stream} format: a field per line ({@code event:}, {@code data:}),
 * a value with line breaks split into one {@code data:} line per line, and every message ended by a blank line.
 * Comments (lines starting with {@code :}) are ended by a blank line too, so every message is self-delimited.
 *
 * <pre>{@code
 * SseEncoding.event("completed", "{\"url\":\"https://...\"}");  // "event: completed\ndata: {...}\n\n"
 * SseEncoding.comment(" connected");                            // ": connected\n\n"
 * }</pre>
 */
public final class SseEncoding {
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
  private static final Pattern EVENT_NAME = Pattern.compile("[^\r\n:]+");

  private SseEncoding() {}

  /**
   * An event with a name and data.
   *
   * @param name the event type, without line breaks or colons
   * @param data the payload; each of its lines ({@code \n}, {@code \r\n} or {@code \r}) becomes a {@code data:} line
   * @throws IllegalArgumentException if {@code name} is empty or contains a line break or a colon
   */
  public static String event(String name, String data) {
    Objects.requireNonNull(name, "event name must not be null");
    Objects.requireNonNull(data, "event data must not be null");
    if (!EVENT_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "event name must be non-empty without line breaks or ':', but was '" + name + "'");
    }
    StringBuilder out = new StringBuilder(name.length() + data.length() + 16);
    out.append("event: ").append(name).append('\n');
    for (String line : LINE_BREAK.split(data, -1)) {
      out.append("data: ").append(line).append('\n');
    }
    return out.append('\n').toString();
  }

  /**
   * A comment: {@code ":" + text}. Clients ignore it; it keeps proxies from closing an idle connection.
   *
   * @param text written right after the colon (so {@code " connected"} gives {@code ": connected"}); each line of a
   *     multi-line text becomes its own comment line
   */
  public static String comment(String text) {
    Objects.requireNonNull(text, "comment text must not be null");
    StringBuilder out = new StringBuilder(text.length() + 4);
    for (String line : LINE_BREAK.split(text, -1)) {
      out.append(':').append(line).append('\n');
    }
    return out.append('\n').toString();
  }
}
