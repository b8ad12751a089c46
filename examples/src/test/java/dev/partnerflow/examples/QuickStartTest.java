package dev.partnerflow.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's first command runs this program; it must keep working on a started engine. */
class QuickStartTest {
  @Test
  void quick_start_sends_the_welcome_then_the_check_in_after_the_delay() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      QuickStart.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("-> email to [dana@northwind.example]: Welcome aboard, Northwind Analytics!")
        .contains("-> email to [dana@northwind.example] cc [sam@acme.example]: How is onboarding going")
        .contains("v2: SUCCEEDED")
        .contains("Minutes saved this week: 10");
    assertThat(out.indexOf("Welcome aboard")).isLessThan(out.indexOf("Seven days later"));
    assertThat(out.indexOf("How is onboarding going")).isGreaterThan(out.indexOf("Seven days later"));
  }
}
