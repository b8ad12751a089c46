package dev.partnerflow.examples.server;

import dev.partnerflow.core.pickers.Caller;
import dev.partnerflow.web.Authenticator;
import dev.partnerflow.web.HttpRequestView;
import java.util.Map;
import java.util.Optional;

/**
 * Demo {@link Authenticator}: a fixed map from token to caller, read from the {@code Authorization: Bearer} header or,
 * for the browser, from the {@value #COOKIE} cookie that {@code /demo-login} sets. A real host looks the token up in
 * its session store or verifies a signed token.
 *
 * <pre>{@code
 * curl -H 'Authorization: Bearer acme-token' http://127.0.0.1:8080/api/workflow-pickers/trainings
 * }</pre>
 */
public final class BearerTokenAuthenticator implements Authenticator {
  /** Token of {@code alice} in organization {@code org-acme}. */
  public static final String ACME_TOKEN = "acme-token";
  /** Token of {@code bob} in organization {@code org-globex}. */
  public static final String GLOBEX_TOKEN = "globex-token";

  /** The demo tokens above. */
  public static final Map<String, Caller> DEMO_TOKENS = Map.of(
      ACME_TOKEN, new Caller("alice", DemoData.ACME),
      GLOBEX_TOKEN, new Caller("bob", DemoData.GLOBEX));

  /** The cookie the demo login sets for browsers. */
  public static final String COOKIE = "partnerflow_demo";

  private final Map<String, Caller> callers;

  public BearerTokenAuthenticator(Map<String, Caller> callers) {
    this.callers = Map.copyOf(callers);
  }

  @Override
  public Optional<Caller> authenticate(HttpRequestView request) {
    Optional<String> bearer = request.header("Authorization")
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).strip());
    return bearer.or(() -> cookie(request)).map(callers::get);
  }

  private static Optional<String> cookie(HttpRequestView request) {
    for (String header : request.headers().getOrDefault("Cookie", java.util.List.of())) {
      for (String pair : header.split(";")) {
        String p = pair.strip();
        if (p.startsWith(COOKIE + "=")) {
          return Optional.of(p.substring(COOKIE.length() + 1));
        }
      }
    }
    return Optional.empty();
  }
}
