package dev.partnerflow.steps.http;

import dev.partnerflow.core.PartnerflowException;

/**
 * Outbound HTTP refused a target before connecting: the address is not allowed by the {@link OutboundPolicy}, the
 * scheme is not http(s), or the URL carries user info. The message names the host and the reason, never the full
 * URL (it may carry a token).
 *
 * @since 0.1
 */
public class OutboundRefusedException extends PartnerflowException {
  private static final long serialVersionUID = 1L;

  public OutboundRefusedException(String message) {
    super(message);
  }
}
