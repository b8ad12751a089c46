package dev.partnerflow.web.internal;

import dev.partnerflow.core.pickers.Caller;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens bound to the caller: HMAC-SHA256 of the user and organization under a secret only the server knows
 * (OWASP's "HMAC based token" pattern). Needs no session store and works with whatever the host's authenticator
 * reads; a page of another site cannot read the token, so it cannot forge a form post.
 */
public final class Csrf {
  /** The form field that carries the token. */
  public static final String FIELD = "_csrf";
  private final byte[] secret;

  public Csrf(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("csrfSecret must be at least 16 bytes, but was " + secret.length);
    }
    this.secret = secret.clone();
  }

  public String token(Caller caller) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] sig = mac.doFinal(("partnerflow-csrf\n" + caller.userId() + "\n" + caller.activeOrganizationId())
          .getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether {@code presented} is this caller's token (constant-time comparison). */
  public boolean valid(Caller caller, String presented) {
    if (presented == null || presented.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(token(caller).getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.UTF_8));
  }
}
