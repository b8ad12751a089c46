package dev.partnerflow.steps.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What came back: status, headers (names lower-cased), and the body up to the client's size limit.
 *
 * @param status HTTP status code
 * @param headers header values by lower-case name
 * @param body the first bytes of the body, at most {@link OutboundHttp.Builder#maxResponseBytes}
 * @param truncated true when the body was longer than the limit and was cut
 */
public record OutboundResponse(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {
  public OutboundResponse {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** The first value of a header, by name in any case. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
