package dev.partnerflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The web module exports its API package only; tests run on the module path, patched into it. */
class ModuleBoundaryTest {
  private static final Module WEB = PartnerflowHttpHandler.class.getModule();

  @Test
  void runs_as_the_named_module_and_exports_exactly_the_api_package() {
    assertThat(WEB.isNamed()).as("tests must run on the module path").isTrue();
    assertThat(WEB.getName()).isEqualTo("dev.partnerflow.web");
    Set<String> exported = WEB.getDescriptor().exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());
    assertThat(exported).containsExactly("dev.partnerflow.web");
    assertThat(WEB.getPackages()).contains("dev.partnerflow.web.internal");
    assertThat(WEB.isExported("dev.partnerflow.web.internal")).isFalse();
  }

  @Test
  void core_no_longer_has_an_http_package() {
    assertThat(dev.partnerflow.core.engine.WorkflowEngine.class.getModule().getPackages())
        .doesNotContain("dev.partnerflow.core.http", "dev.partnerflow.core.http.internal");
  }
}
