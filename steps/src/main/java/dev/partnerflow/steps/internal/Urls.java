package dev.partnerflow.steps.internal;

import java.net.URI;

/** URLs as they may appear in outputs and messages: scheme, host, port and path; never the query or user info. */
public final class Urls {
  private Urls() {}

  /** {@code https://crm.example/hooks?<redacted>} for a URL with a query; "an invalid URL" when it does not parse. */
  public static String redact(String url) {
    if (url == null) {
      return "null";
    }
    try {
      URI uri = URI.create(url.trim());
      if (uri.getHost() == null) {
        return "an invalid URL";
      }
      StringBuilder sb = new StringBuilder();
      sb.append(uri.getScheme()).append("://").append(uri.getHost());
      if (uri.getPort() >= 0) {
        sb.append(':').append(uri.getPort());
      }
      if (uri.getRawPath() != null) {
        sb.append(uri.getRawPath());
      }
      if (uri.getRawQuery() != null) {
        sb.append("?<redacted>");
      }
      return sb.toString();
    } catch (IllegalArgumentException e) {
      return "an invalid URL";
    }
  }

  /** Only the host of a URL, for destinations whose whole path is a secret (Slack webhooks). */
  public static String host(String url) {
    try {
      URI uri = URI.create(url.trim());
      return uri.getHost() == null ? "an invalid URL" : uri.getHost();
    } catch (IllegalArgumentException e) {
      return "an invalid URL";
    }
  }
}
