package dev.partnerflow.core.pickers;

import dev.partnerflow.core.PartnerflowException;

/**
 * Thrown when an operation that requires an authenticated caller was called without one. The HTTP handler answers
 * it with {@code 401} and {@code {"error":"unauthenticated",...}}.
 *
 * <pre>{@code
 * try {
 *   pickers.trainings(Optional.empty());
 * } catch (UnauthenticatedException e) {
 *   // ask the user to sign in
 * }
 * }</pre>
 */
public class UnauthenticatedException extends PartnerflowException {
  private static final long serialVersionUID = 1L;

  public UnauthenticatedException(String message) {
    super(message);
  }
}
