package dev.partnerflow.triggers.payload;

import dev.partnerflow.triggers.internal.Checks;
import dev.partnerflow.triggers.internal.DataMap;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * An agreement a partner signed; {@code partner_agreement_signed} carries it under {@code agreement}.
 *
 * <pre>{@code
 * Agreement agreement = new Agreement("ag-12", "Reseller Agreement 2025", now,
 *     Person.of("Dana Whitaker", "dana@northwind.example"), LocalDate.of(2026, 6, 30));
 * }</pre>
 *
 * <p>Data map keys: {@code id, name, signedAt (ISO-8601 instant), signedBy {name, email, ...}, expiresOn (ISO-8601
 * date)}; null fields are left out.
 *
 * @param id the host's agreement id, required
 * @param name the agreement's title, optional
 * @param signedAt when the partner signed, optional
 * @param signedBy who signed for the partner, optional
 * @param expiresOn when the agreement ends, optional
 */
public record Agreement(String id, String name, Instant signedAt, Person signedBy, LocalDate expiresOn) {
  public Agreement {
    Checks.requireText("agreement.id", id);
    name = Checks.trimToNull(name);
  }

  /** The event-data form of this agreement. */
  public Map<String, Object> toMap() {
    return DataMap.create().put("id", id).put("name", name).put("signedAt", signedAt)
        .put("signedBy", signedBy == null ? null : signedBy.toMap()).put("expiresOn", expiresOn).build();
  }
}
