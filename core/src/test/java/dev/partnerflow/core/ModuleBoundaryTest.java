package dev.partnerflow.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.nodes.NodeTypeProvider;
import dev.partnerflow.core.store.StoreProvider;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's promise that internals are not API, checked against the module this test runs in (the tests run on
 * the module path, patched into {@code dev.partnerflow.core}).
 */
class ModuleBoundaryTest {
  private static final Module CORE = WorkflowEngine.class.getModule();

  @Test
  void core_runs_as_the_named_module_dev_partnerflow_core() {
    assertThat(CORE.isNamed()).as("tests must run on the module path").isTrue();
    assertThat(CORE.getName()).isEqualTo("dev.partnerflow.core");
  }

  @Test
  void no_internal_package_is_exported() {
    assertThat(CORE.getPackages()).contains("dev.partnerflow.core.engine.internal",
        "dev.partnerflow.core.store.internal", "dev.partnerflow.core.internal");
    assertThat(CORE.isExported("dev.partnerflow.core.engine.internal")).isFalse();
    for (String pkg : CORE.getPackages()) {
      if (pkg.endsWith(".internal") || pkg.contains(".internal.")) {
        assertThat(CORE.isExported(pkg)).as(pkg).isFalse();
      }
    }
    Set<String> exportedInternals = CORE.getDescriptor().exports().stream()
        .map(ModuleDescriptor.Exports::source)
        .filter(p -> p.contains(".internal"))
        .collect(Collectors.toSet());
    assertThat(exportedInternals).as("internal packages exported in module-info.java").isEmpty();
  }

  @Test
  void exports_exactly_the_api_packages() {
    Set<String> exported = CORE.getDescriptor().exports().stream()
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());
    assertThat(exported).containsExactlyInAnyOrder(
        "dev.partnerflow.core",
        "dev.partnerflow.core.condition",
        "dev.partnerflow.core.control",
        "dev.partnerflow.core.engine",
        "dev.partnerflow.core.event",
        "dev.partnerflow.core.export",
        "dev.partnerflow.core.json",
        "dev.partnerflow.core.model",
        "dev.partnerflow.core.nodes",
        "dev.partnerflow.core.pickers",
        "dev.partnerflow.core.run",
        "dev.partnerflow.core.schedule",
        "dev.partnerflow.core.store",
        "dev.partnerflow.core.template",
        "dev.partnerflow.core.testing",
        "dev.partnerflow.core.validation");
  }

  @Test
  void declares_its_service_loader_spis() {
    ModuleDescriptor d = CORE.getDescriptor();
    assertThat(d.uses()).contains(NodeTypeProvider.class.getName(), StoreProvider.class.getName());
    assertThat(d.provides()).anySatisfy(p -> {
      assertThat(p.service()).isEqualTo(StoreProvider.class.getName());
      assertThat(p.providers()).containsExactly("dev.partnerflow.core.store.internal.MemoryStoreProvider");
    });
  }
}
