package dev.partnerflow.triggers.payload;

import dev.partnerflow.triggers.internal.Checks;
import dev.partnerflow.triggers.internal.DataMap;
import java.time.Instant;
import java.util.Map;

/**
 * A submitted partner application form; {@code application_submitted} carries it under {@code application}, next
 * to the applicant's {@code partner} record (typically in a "Recruit" or "Applicant" stage).
 *
 * <pre>{@code
 * Application application = new Application("app-31", "Reseller", Person.of("Dana Whitaker", "dana@northwind.example"),
 *     now, "We resell analytics to 400 retail customers in the Midwest.");
 * }</pre>
 *
 * <p>Data map keys: {@code id, program, applicant {name, email, ...}, submittedAt (ISO-8601 instant), message};
 * null fields are left out.
 *
 * @param id the host's application id, required
 * @param program the partner program applied to, optional
 * @param applicant who filled in the form, optional
 * @param submittedAt when it was submitted, optional
 * @param message the applicant's free text, optional
 */
public record Application(String id, String program, Person applicant, Instant submittedAt, String message) {
  public Application {
    Checks.requireText("application.id", id);
    program = Checks.trimToNull(program);
    message = Checks.trimToNull(message);
  }

  /** The event-data form of this application. */
  public Map<String, Object> toMap() {
    return DataMap.create().put("id", id).put("program", program)
        .put("applicant", applicant == null ? null : applicant.toMap()).put("submittedAt", submittedAt)
        .put("message", message).build();
  }
}
