package dev.partnerflow.examples.server;

import dev.partnerflow.core.http.Authenticator;
import dev.partnerflow.core.http.HttpRequestView;
import dev.partnerflow.core.pickers.Caller;
import java.util.Map;
import java.util.Optional;

/**
 * Demo {@link Authenticator}: a fixed map from bearer token to caller. A real host looks the token up in its session
 * store or verifies a signed token.
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

  private final Map<String, Caller> callers;

  public BearerTokenAuthenticator(Map<String, Caller> callers) {
    this.callers = Map.copyOf(callers);
  }

  @Override
  public Optional<Caller> authenticate(HttpRequestView request) {
    return request.header("Authorization")
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).strip())
        .map(callers::get);
  }
}
