package dev.partnerflow.web;

import dev.partnerflow.core.pickers.Caller;
import java.util.Optional;

/**
 * Host interface: who sent this request? Implemented by the application (session cookie, bearer token, mTLS, ...);
 * public API, changed only in a major version. Return empty for a missing or invalid credential: the handler then
 * answers {@code 401}. Never log or echo the credential.
 *
 * <pre>{@code
 * Authenticator auth = request -> request.header("Authorization")
 *     .filter(h -> h.startsWith("Bearer "))
 *     .flatMap(h -> sessions.lookup(h.substring(7)))
 *     .map(s -> new Caller(s.userId(), s.activeOrganizationId()));
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Authenticator {
  /** The authenticated caller, or empty. */
  Optional<Caller> authenticate(HttpRequestView request);
}
