package dev.partnerflow.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The example application starts, runs its demo once and counts the run. */
@SpringBootTest
class PartnerflowSpringBootExampleTest {
  @Autowired
  MeterRegistry meters;

  @Test
  void the_demo_run_succeeds_and_is_counted() {
    assertThat(meters.get("partnerflow.runs.finished").tag("status", "succeeded").counter().count()).isEqualTo(1);
  }
}
