package dev.partnerflow.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.nodes.NodeTypeProvider;
import java.lang.module.ModuleDescriptor;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The steps module exports its API packages only and provides its action types to ServiceLoader. */
class ModuleBoundaryTest {
  private static final Module STEPS = StandardSteps.class.getModule();

  @Test
  void exports_the_api_packages_and_no_internal_one() {
    assertThat(STEPS.isNamed()).as("tests must run on the module path").isTrue();
    assertThat(STEPS.getName()).isEqualTo("dev.partnerflow.steps");
    assertThat(STEPS.getPackages()).contains("dev.partnerflow.steps.internal", "dev.partnerflow.steps.http.internal");
    assertThat(STEPS.isExported("dev.partnerflow.steps.internal")).isFalse();
    assertThat(STEPS.isExported("dev.partnerflow.steps.http.internal")).isFalse();
    assertThat(STEPS.getDescriptor().exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("dev.partnerflow.steps", "dev.partnerflow.steps.http");
  }

  @Test
  void provides_its_node_types() {
    assertThat(STEPS.getDescriptor().provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo(NodeTypeProvider.class.getName());
      assertThat(p.providers()).containsExactly(StandardSteps.class.getName());
    });
  }
}
