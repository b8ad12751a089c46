package dev.partnerflow.core.pickers;

import java.util.Objects;

/**
 * Who is calling: an authenticated user acting in one organization. The host's authentication produces it (see
 * {@code dev.partnerflow.web.Authenticator}); the library scopes every answer to
 * {@link #activeOrganizationId()}.
 *
 * <pre>{@code
 * Caller caller = new Caller("user-42", "org-acme");
 * List<Specialization> list = pickers.specializations(Optional.of(caller));
 * }</pre>
 *
 * @param userId the authenticated user, not blank
 * @param activeOrganizationId the organization the user is acting in, not blank
 */
public record Caller(String userId, String activeOrganizationId) {
  public Caller {
    requireText("caller.userId", userId);
    requireText("caller.activeOrganizationId", activeOrganizationId);
  }

  static String requireText(String field, String value) {
    Objects.requireNonNull(value, () -> field + " must not be null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank, but was '" + value + "'");
    }
    return value;
  }
}
