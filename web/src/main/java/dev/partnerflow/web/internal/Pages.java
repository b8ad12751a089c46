package dev.partnerflow.web.internal;

import static dev.partnerflow.web.internal.Html.esc;

/** The page frame: head with the stylesheet, header, and scripts only as files (the CSP allows no inline script). */
public final class Pages {
  private Pages() {}

  public static String page(String base, String title, String body, String... scripts) {
    StringBuilder sb = new StringBuilder(body.length() + 1024);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(esc(title)).append(" · Partnerflow</title>")
        .append("<link rel=\"stylesheet\" href=\"").append(esc(base)).append("/assets/dashboard.css\">");
    for (String script : scripts) {
      sb.append("<script type=\"module\" src=\"").append(esc(base)).append("/assets/").append(esc(script))
          .append("\"></script>");
    }
    sb.append("</head><body><header class=\"top\"><a class=\"brand\" href=\"").append(esc(base))
        .append("/\">Partnerflow</a><span class=\"crumb\">Workflows</span></header><main>")
        .append(body).append("</main></body></html>\n");
    return sb.toString();
  }

  public static String error(String base, int status, String message) {
    String title = switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Not signed in";
      case 403 -> "Refused";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      default -> "Something went wrong";
    };
    return page(base, title, "<section class=\"error-page\"><h1>" + status + " " + esc(title) + "</h1><p id=\"error"
        + "-message\">" + esc(message) + "</p><p><a href=\"" + esc(base) + "/\">Back to the workflows</a></p>"
        + "</section>");
  }
}
