package dev.partnerflow.core.pickers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PickersServiceTest {
  private static final Optional<Caller> ACME = Optional.of(new Caller("alice", "org-acme"));

  private final List<Specialization> specializations = new ArrayList<>();
  private final List<TrainingModule> trainings = new ArrayList<>();
  private final PickersService pickers = PickersService.builder()
      .specializations(org -> specializations)
      .trainings(org -> trainings)
      .build();

  private static Specialization spec(String id, String org, String title, boolean published) {
    return new Specialization(id, org, title, "about " + title, published);
  }

  private static TrainingModule training(String id, String org, String title, boolean published, String... tags) {
    return new TrainingModule(id, org, title, null, Arrays.asList(tags), published, null, 30);
  }

  @Test
  void unauthenticated_call_is_refused_with_a_distinct_exception() {
    assertThatThrownBy(() -> pickers.specializations(Optional.empty()))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessageContaining("authenticated caller");
    assertThatThrownBy(() -> pickers.trainings(Optional.empty())).isInstanceOf(UnauthenticatedException.class);
    assertThatThrownBy(() -> pickers.trainingTags(Optional.empty())).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void records_of_other_organizations_are_dropped_even_when_the_source_returns_them() {
    specializations.add(spec("s1", "org-acme", "Security", true));
    specializations.add(spec("s2", "org-globex", "Analytics", true));
    trainings.add(training("t1", "org-globex", "Foreign", true, "secret-tag"));
    trainings.add(training("t2", "org-acme", "Own", true, "own-tag"));

    assertThat(pickers.specializations(ACME)).extracting(Specialization::id).containsExactly("s1");
    assertThat(pickers.trainings(ACME)).extracting(TrainingModule::id).containsExactly("t2");
    assertThat(pickers.trainingTags(ACME)).containsExactly("own-tag");
  }

  @Test
  void only_published_records_are_returned() {
    specializations.add(spec("s1", "org-acme", "Draft", false));
    specializations.add(spec("s2", "org-acme", "Live", true));
    trainings.add(training("t1", "org-acme", "Draft", false, "draft-only"));
    trainings.add(training("t2", "org-acme", "Live", true, "live"));

    assertThat(pickers.specializations(ACME)).extracting(Specialization::id).containsExactly("s2");
    assertThat(pickers.trainings(ACME)).extracting(TrainingModule::id).containsExactly("t2");
    assertThat(pickers.trainingTags(ACME)).containsExactly("live");
  }

  @Test
  void records_are_ordered_by_title_ignoring_case_with_id_as_tie_break() {
    specializations.add(spec("s3", "org-acme", "beta", true));
    specializations.add(spec("s2", "org-acme", "Alpha", true));
    specializations.add(spec("s9", "org-acme", "Gamma", true));
    specializations.add(spec("s1", "org-acme", "Gamma", true));
    specializations.add(spec("s0", "org-acme", "alpha", true));

    assertThat(pickers.specializations(ACME)).extracting(Specialization::id)
        .containsExactly("s2", "s0", "s3", "s1", "s9");
  }

  @Test
  void training_order_does_not_depend_on_source_order() {
    trainings.add(training("t2", "org-acme", "zeta", true));
    trainings.add(training("t1", "org-acme", "Eta", true));
    List<String> first = pickers.trainings(ACME).stream().map(TrainingModule::id).toList();
    java.util.Collections.reverse(trainings);
    assertThat(pickers.trainings(ACME).stream().map(TrainingModule::id).toList())
        .isEqualTo(first).containsExactly("t1", "t2");
  }

  @Test
  void tags_are_trimmed_deduplicated_ignoring_case_and_sorted_and_blank_tags_are_ignored() {
    trainings.add(training("t1", "org-acme", "A", true, "crm", " onboarding ", "", "   "));
    trainings.add(training("t2", "org-acme", "B", true, "CRM", "Advanced", "Crm"));
    trainings.add(training("t3", "org-acme", "C", true, "api", "Onboarding"));

    assertThat(pickers.trainingTags(ACME)).containsExactly("Advanced", "api", "CRM", "Onboarding");
  }

  @Test
  void tags_of_returned_trainings_are_trimmed_without_blanks_keeping_the_hosts_spelling() {
    trainings.add(training("t1", "org-acme", "A", true, " crm ", "", "CRM", "crm"));
    assertThat(pickers.trainings(ACME).get(0).tags()).containsExactly("crm", "CRM");
  }

  @Test
  void the_spelling_shown_for_a_tag_does_not_depend_on_source_order() {
    trainings.add(training("t1", "org-acme", "A", true, "crm"));
    trainings.add(training("t2", "org-acme", "B", true, "CRM"));
    List<String> first = pickers.trainingTags(ACME);
    java.util.Collections.reverse(trainings);
    assertThat(pickers.trainingTags(ACME)).isEqualTo(first).containsExactly("CRM");
  }

  @Test
  void a_source_answering_null_counts_as_empty_and_null_elements_are_skipped() {
    PickersService nulls = PickersService.builder()
        .specializations(org -> null)
        .trainings(org -> Arrays.asList(null, training("t1", "org-acme", "A", true, "x")))
        .build();
    assertThat(nulls.specializations(ACME)).isEmpty();
    assertThat(nulls.trainings(ACME)).extracting(TrainingModule::id).containsExactly("t1");
  }

  @Test
  void a_failing_source_becomes_a_picker_source_exception_naming_source_and_organization() {
    IllegalStateException boom = new IllegalStateException("db down");
    PickersService failing = PickersService.builder()
        .specializations(org -> {
          throw boom;
        })
        .trainings(org -> List.of())
        .build();
    assertThatThrownBy(() -> failing.specializations(ACME))
        .isInstanceOfSatisfying(PickerSourceException.class, e -> {
          assertThat(e.source()).isEqualTo("specialization");
          assertThat(e.organizationId()).isEqualTo("org-acme");
        })
        .hasCause(boom);
  }

  @Test
  void builder_names_the_missing_source() {
    assertThatThrownBy(() -> PickersService.builder().specializations(org -> List.of()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("trainings(...)");
  }

  @Test
  void records_reject_blank_ids_and_default_description() {
    assertThatThrownBy(() -> spec(" ", "org-acme", "T", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("specialization.id must not be blank, but was ' '");
    assertThat(new Specialization("s", "o", "T", null, true).description()).isEmpty();
  }
}
