package dev.partnerflow.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.nodes.NodeTypeProvider;
import java.lang.module.ModuleDescriptor;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The triggers module exports its API packages only and provides its trigger types to ServiceLoader. */
class ModuleBoundaryTest {
  private static final Module TRIGGERS = PartnerTriggerTypes.class.getModule();

  @Test
  void exports_the_api_packages_and_not_internal() {
    assertThat(TRIGGERS.isNamed()).as("tests must run on the module path").isTrue();
    assertThat(TRIGGERS.getName()).isEqualTo("dev.partnerflow.triggers");
    assertThat(TRIGGERS.getPackages()).contains("dev.partnerflow.triggers.internal");
    assertThat(TRIGGERS.isExported("dev.partnerflow.triggers.internal")).isFalse();
    assertThat(TRIGGERS.getDescriptor().exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("dev.partnerflow.triggers", "dev.partnerflow.triggers.payload");
  }

  @Test
  void provides_its_node_types() {
    assertThat(TRIGGERS.getDescriptor().provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo(NodeTypeProvider.class.getName());
      assertThat(p.providers()).containsExactly(PartnerTriggerTypes.class.getName());
    });
  }
}
