package dev.partnerflow.triggers.payload;

import dev.partnerflow.triggers.internal.Checks;
import dev.partnerflow.triggers.internal.DataMap;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A market development fund request; {@code mdf_request_submitted} carries it under {@code mdfRequest}.
 *
 * <pre>{@code
 * MdfRequest request = new MdfRequest("mdf-5", "Q3 webinar series", new BigDecimal("15000"), "USD",
 *     "Three co-branded webinars for retail analytics buyers", now, Person.of("Dana Whitaker", "dana@northwind.example"));
 * }</pre>
 *
 * <p>Data map keys: {@code id, name, amount (number), currency, description, submittedAt (ISO-8601 instant),
 * submittedBy {name, email, ...}}; null fields are left out.
 *
 * @param id the host's request id, required
 * @param name the campaign or activity name, optional
 * @param amount the amount requested, at least 0, optional
 * @param currency ISO 4217 code, optional
 * @param description what the funds are for, optional
 * @param submittedAt when it was submitted, optional
 * @param submittedBy who submitted it, optional
 */
public record MdfRequest(String id, String name, BigDecimal amount, String currency, String description,
                         Instant submittedAt, Person submittedBy) {
  public MdfRequest {
    Checks.requireText("mdfRequest.id", id);
    Checks.requireNonNegative("mdfRequest.amount", amount);
    name = Checks.trimToNull(name);
    currency = Checks.trimToNull(currency);
    description = Checks.trimToNull(description);
  }

  /** The event-data form of this request. */
  public Map<String, Object> toMap() {
    return DataMap.create().put("id", id).put("name", name).put("amount", amount).put("currency", currency)
        .put("description", description).put("submittedAt", submittedAt)
        .put("submittedBy", submittedBy == null ? null : submittedBy.toMap()).build();
  }
}
