package dev.partnerflow.core.pickers;

import java.util.List;

/**
 * Host interface: the training modules of one organization, read from the host's own storage. Implemented by the
 * application that embeds Partnerflow; public API, changed only in a major version.
 *
 * <p>The library does not trust the answer: {@link PickersService} drops records of other organizations and
 * unpublished ones, sorts, and derives the tag list. Returning {@code null} counts as an empty list; an exception
 * becomes a {@link PickerSourceException}.
 *
 * <pre>{@code
 * TrainingSource source = orgId -> trainingRepository.findByOrganization(orgId);
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TrainingSource {
  /** The training modules of {@code organizationId}. Called on the request thread; should answer quickly. */
  List<TrainingModule> trainings(String organizationId);
}
