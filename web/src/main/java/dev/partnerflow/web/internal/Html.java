package dev.partnerflow.web.internal;

/** HTML escaping: every value written into a page goes through {@link #esc}. */
public final class Html {
  private Html() {}

  /** {@code value} with {@code & < > " '} replaced by entities; safe in element text and quoted attributes. */
  public static String esc(Object value) {
    String s = String.valueOf(value);
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (rep != null) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        out.append(rep);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** A path segment or query value, percent-encoded (then still to be escaped for an attribute). */
  public static String url(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
