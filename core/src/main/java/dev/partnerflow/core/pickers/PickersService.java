package dev.partnerflow.core.pickers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow pickers: the specializations, training modules and training tags a workflow builder offers. The host
 * owns the data (through a {@link SpecializationSource} and a {@link TrainingSource}); this class owns the rules:
 *
 * <ul>
 *   <li>an authenticated caller is required, else {@link UnauthenticatedException};
 *   <li>only records of the caller's active organization are returned, even if a source returns others (those are
 *       dropped and logged at WARN, since it means the host's query is wrong);
 *   <li>only published records are returned;
 *   <li>records are ordered by title, case-insensitively ({@link #TITLE_ORDER}), ties broken by the exact title and
 *       then by id, so the order never depends on the source's order;
 *   <li>the tags of each returned training are trimmed, blank ones dropped and exact duplicates dropped; their
 *       spelling is the host's, so compare them with the tag list case-insensitively;
 *   <li>training tags are the tags of published trainings of the organization, trimmed, blank ones dropped,
 *       deduplicated <em>case-insensitively</em> ("CRM", "crm" and " Crm " are one tag) and sorted
 *       case-insensitively. Of several spellings of one tag the one that sorts first by {@link String#compareTo}
 *       is shown ("CRM" before "Crm" before "crm"), so the answer does not depend on the source's order.
 * </ul>
 *
 * <p>A source returning {@code null} counts as an empty list and {@code null} elements are skipped; a source throwing
 * becomes a {@link PickerSourceException}. Thread-safe.
 *
 * <pre>{@code
 * PickersService pickers = PickersService.builder()
 *     .specializations(orgId -> specializationRepository.findByOrganization(orgId))
 *     .trainings(orgId -> trainingRepository.findByOrganization(orgId))
 *     .build();
 * List<String> tags = pickers.trainingTags(Optional.of(new Caller("user-42", "org-acme")));
 * }</pre>
 */
public final class PickersService {
  private static final Logger log = LoggerFactory.getLogger(PickersService.class);

  /** Text order used for titles and tags: case-insensitive ({@link Locale#ROOT}), then by exact spelling. */
  public static final Comparator<String> TAG_ORDER =
      Comparator.comparing((String s) -> s.toLowerCase(Locale.ROOT)).thenComparing(Comparator.naturalOrder());

  /** Order of specializations (trainings use the same rule): title by {@link #TAG_ORDER}, then id. */
  public static final Comparator<Specialization> TITLE_ORDER = Comparator
      .comparing(Specialization::title, TAG_ORDER)
      .thenComparing(Specialization::id);

  private static final Comparator<TrainingModule> TRAINING_ORDER = Comparator
      .comparing(TrainingModule::title, TAG_ORDER)
      .thenComparing(TrainingModule::id);

  private final SpecializationSource specializationSource;
  private final TrainingSource trainingSource;

  private PickersService(Builder builder) {
    this.specializationSource = builder.specializations;
    this.trainingSource = builder.trainings;
  }

  /** Starts a builder; both sources are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The published specializations of the caller's active organization, ordered by title.
   *
   * @throws UnauthenticatedException if {@code caller} is empty
   * @throws PickerSourceException if the source throws
   */
  public List<Specialization> specializations(Optional<Caller> caller) {
    String orgId = requireCaller(caller, "specializations").activeOrganizationId();
    List<Specialization> raw = call("specialization", orgId, specializationSource::specializations);
    return scoped(raw, orgId, "specialization", Specialization::organizationId, Specialization::published)
        .stream().sorted(TITLE_ORDER).toList();
  }

  /**
   * The published training modules of the caller's active organization, ordered by title.
   *
   * @throws UnauthenticatedException if {@code caller} is empty
   * @throws PickerSourceException if the source throws
   */
  public List<TrainingModule> trainings(Optional<Caller> caller) {
    String orgId = requireCaller(caller, "trainings").activeOrganizationId();
    return publishedTrainings(orgId).stream().sorted(TRAINING_ORDER).map(PickersService::withCleanTags).toList();
  }

  /** Tags trimmed, blank ones dropped, exact duplicates dropped; the host's spelling and order are kept. */
  private static TrainingModule withCleanTags(TrainingModule t) {
    List<String> tags = t.tags().stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    return tags.equals(t.tags()) ? t : new TrainingModule(t.id(), t.organizationId(), t.title(), t.description(),
        tags, t.published(), t.specializationId(), t.durationMinutes());
  }

  /**
   * The distinct tags of the published training modules of the caller's active organization, sorted; see the class
   * comment for how case and blanks are handled.
   *
   * @throws UnauthenticatedException if {@code caller} is empty
   * @throws PickerSourceException if the source throws
   */
  public List<String> trainingTags(Optional<Caller> caller) {
    String orgId = requireCaller(caller, "training tags").activeOrganizationId();
    TreeMap<String, String> spellingByKey = new TreeMap<>();
    for (TrainingModule training : publishedTrainings(orgId)) {
      for (String tag : training.tags()) {
        String trimmed = tag.strip();
        if (trimmed.isEmpty()) {
          continue;
        }
        spellingByKey.merge(trimmed.toLowerCase(Locale.ROOT), trimmed,
            (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    return spellingByKey.values().stream().sorted(TAG_ORDER).toList();
  }

  private List<TrainingModule> publishedTrainings(String orgId) {
    List<TrainingModule> raw = call("training", orgId, trainingSource::trainings);
    return scoped(raw, orgId, "training", TrainingModule::organizationId, TrainingModule::published);
  }

  private static Caller requireCaller(Optional<Caller> caller, String what) {
    Objects.requireNonNull(caller, "caller must not be null; pass Optional.empty() for an anonymous call");
    return caller.orElseThrow(() -> new UnauthenticatedException(
        "listing " + what + " requires an authenticated caller; did the request carry credentials?"));
  }

  private static <T> List<T> call(String source, String orgId, Function<String, List<T>> fetch) {
    List<T> raw;
    try {
      raw = fetch.apply(orgId);
    } catch (RuntimeException e) {
      throw new PickerSourceException(source, orgId, e);
    }
    return raw == null ? List.of() : raw;
  }

  private static <T> List<T> scoped(List<T> raw, String orgId, String source, Function<T, String> orgOf,
      Predicate<T> published) {
    List<T> kept = new ArrayList<>(raw.size());
    int foreign = 0;
    for (T record : raw) {
      if (record == null) {
        continue;
      }
      if (!orgId.equals(orgOf.apply(record))) {
        foreign++;
        continue;
      }
      if (published.test(record)) {
        kept.add(record);
      }
    }
    if (foreign > 0) {
      log.warn("The {} source returned {} record(s) of other organizations when asked for organization '{}'; they"
          + " were dropped. Check that the host's query filters by organization id.", source, foreign, orgId);
    }
    return kept;
  }

  /** Builder of {@link PickersService}. */
  public static final class Builder {
    private SpecializationSource specializations;
    private TrainingSource trainings;

    private Builder() {}

    /**
     * The host's specializations. Required.
     *
     * @throws NullPointerException if {@code source} is null
     */
    public Builder specializations(SpecializationSource source) {
      this.specializations = Objects.requireNonNull(source, "specializations source must not be null");
      return this;
    }

    /**
     * The host's training modules. Required.
     *
     * @throws NullPointerException if {@code source} is null
     */
    public Builder trainings(TrainingSource source) {
      this.trainings = Objects.requireNonNull(source, "trainings source must not be null");
      return this;
    }

    /**
     * Builds the service.
     *
     * @throws IllegalStateException if a source is missing
     */
    public PickersService build() {
      if (specializations == null || trainings == null) {
        throw new IllegalStateException("PickersService needs both sources, but "
            + (specializations == null ? "specializations(...)" : "trainings(...)") + " was not called");
      }
      return new PickersService(this);
    }
  }
}
