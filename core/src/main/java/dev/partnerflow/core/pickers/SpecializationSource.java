package dev.partnerflow.core.pickers;

import java.util.List;

/**
 * Host interface: the specializations of one organization, read from the host's own storage. Implemented by the
 * application that embeds Partnerflow; public API, changed only in a major version.
 *
 * <p>The library does not trust the answer: {@link PickersService} drops records of other organizations and
 * unpublished ones, and sorts. A source may therefore return every record of the organization, drafts included.
 * Returning {@code null} counts as an empty list; an exception becomes a {@link PickerSourceException}.
 *
 * <pre>{@code
 * SpecializationSource source = orgId -> jdbc.query("select * from specialization where org_id = ?", mapper, orgId);
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SpecializationSource {
  /** The specializations of {@code organizationId}. Called on the request thread; should answer quickly. */
  List<Specialization> specializations(String organizationId);
}
