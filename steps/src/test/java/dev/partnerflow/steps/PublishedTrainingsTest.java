package dev.partnerflow.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.pickers.TrainingModule;
import dev.partnerflow.core.pickers.TrainingSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishedTrainingsTest {
  private static TrainingModule module(String id, String org, boolean published) {
    return new TrainingModule(id, org, "Title " + id, "", List.of(), published, null, null);
  }

  @Test
  void picker_source_counts_only_the_organizations_own_published_modules() {
    TrainingSource source = org -> List.of(
        module("tr-live", "org-1", true),
        module("tr-draft", "org-1", false),
        module("tr-foreign", "org-2", true));
    PublishedTrainings published = PublishedTrainings.from(source);

    assertThat(published.isPublished("org-1", "tr-live")).isTrue();
    assertThat(published.isPublished("org-1", "tr-draft")).isFalse();
    assertThat(published.isPublished("org-1", "tr-foreign")).isFalse();
    assertThat(published.isPublished("org-1", "tr-missing")).isFalse();
  }

  @Test
  void a_source_that_returns_null_publishes_nothing() {
    assertThat(PublishedTrainings.from(org -> null).isPublished("org-1", "tr-live")).isFalse();
  }
}
