package dev.partnerflow.triggers.payload;

import dev.partnerflow.triggers.internal.Checks;
import dev.partnerflow.triggers.internal.DataMap;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A payment recorded for a partner (commission, rebate, referral fee); {@code partner_payment_made} carries it
 * under {@code payment}.
 *
 * <pre>{@code
 * Payment payment = new Payment("pay-88", new BigDecimal("4500.00"), "USD", now, "Q2 referral commission");
 * }</pre>
 *
 * <p>Data map keys: {@code id, amount (number), currency, paidAt (ISO-8601 instant), description}; null fields are
 * left out.
 *
 * @param id the host's payment id, required
 * @param amount at least 0, optional
 * @param currency ISO 4217 code, optional
 * @param paidAt when it was paid, optional
 * @param description what it was for, optional
 */
public record Payment(String id, BigDecimal amount, String currency, Instant paidAt, String description) {
  public Payment {
    Checks.requireText("payment.id", id);
    Checks.requireNonNegative("payment.amount", amount);
    currency = Checks.trimToNull(currency);
    description = Checks.trimToNull(description);
  }

  /** The event-data form of this payment. */
  public Map<String, Object> toMap() {
    return DataMap.create().put("id", id).put("amount", amount).put("currency", currency).put("paidAt", paidAt)
        .put("description", description).build();
  }
}
