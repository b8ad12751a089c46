package dev.partnerflow.triggers.payload;

import dev.partnerflow.triggers.internal.Checks;
import dev.partnerflow.triggers.internal.DataMap;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A certification or training program a partner contact finished; {@code partner_certification_completed} carries
 * it under {@code certification}.
 *
 * <pre>{@code
 * Certification cert = new Certification("cert-3", "Solutions Architect",
 *     Person.of("Luis Ortega", "luis@northwind.example"), now, LocalDate.of(2027, 3, 1));
 * }</pre>
 *
 * <p>Data map keys: {@code id, name, holder {name, email, ...}, completedAt (ISO-8601 instant), expiresOn (ISO-8601
 * date)}; null fields are left out.
 *
 * @param id the host's certification or training id, required
 * @param name the program's title, optional
 * @param holder the contact who completed it, optional
 * @param completedAt when it was completed, optional
 * @param expiresOn when the certification lapses, optional
 */
public record Certification(String id, String name, Person holder, Instant completedAt, LocalDate expiresOn) {
  public Certification {
    Checks.requireText("certification.id", id);
    name = Checks.trimToNull(name);
  }

  /** The event-data form of this certification. */
  public Map<String, Object> toMap() {
    return DataMap.create().put("id", id).put("name", name).put("holder", holder == null ? null : holder.toMap())
        .put("completedAt", completedAt).put("expiresOn", expiresOn).build();
  }
}
