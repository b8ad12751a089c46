package dev.partnerflow.examples.spring;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.steps.EmailSender;
import dev.partnerflow.steps.RecordUpdater;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application with the Partnerflow starter: the engine comes from {@code partnerflow.*} properties
 * (see {@code application.properties}), the host provides a {@link RecordUpdater}, and the welcome email goes through
 * {@code spring.mail.*} when {@code spring.mail.host} is set, else to the console. At startup it creates and
 * activates a welcome workflow, publishes one "partner created" event, prints the run's trace and the meters, and
 * exits.
 *
 * <pre>
 * mvn -q -pl examples-spring-boot -am package -DskipTests exec:java
 * mvn -q -pl examples-spring-boot -am package -DskipTests exec:java -Dspring.mail.host=127.0.0.1 -Dspring.mail.port=2525
 * </pre>
 */
@SpringBootApplication
public class PartnerflowSpringBootExample {

  public static void main(String[] args) {
    SpringApplication.exit(SpringApplication.run(PartnerflowSpringBootExample.class, args));
  }

  /** Prints emails when no SMTP server is configured (the starter then makes no SmtpEmailSender). */
  @Bean
  @ConditionalOnProperty(prefix = "spring.mail", name = "host", matchIfMissing = true, havingValue = "__none__")
  EmailSender consoleEmailSender() {
    return message -> System.out.println("email to " + message.to() + ": " + message.subject());
  }

  /** The host's CRM: here it only prints what it would write. */
  @Bean
  RecordUpdater recordUpdater() {
    return update -> {
      System.out.println("update " + update.recordType() + " " + update.recordId() + ": " + update.values());
      return Map.of();
    };
  }

  /** A registry for the example; a real application gets one from Spring Boot Actuator. */
  @Bean
  MeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }

  @Bean
  ApplicationRunner welcomeDemo(WorkflowEngine engine, MeterRegistry meters) {
    return args -> {
      Workflow welcome = engine.workflows().create("acme", Workflow.builder("acme", "Welcome new partners")
          .trigger("partner_created")
          .then("welcome", "send_email", Map.of("to", List.of("role:primary_contact"),
              "subject", "Welcome aboard, {{partner.name}}!", "text", "Here is how to get started."))
          .then("crm", "update_record", Map.of("record", "partner", "fields", Map.of("onboarding", "welcomed")))
          .build());
      engine.workflows().activate("acme", welcome.id());
      Partner partner = Partner.builder("p-100", "Northwind Analytics")
          .primaryContact(Person.of("Dana Whitaker", "dana@northwind.example")).build();
      List<Run> runs = engine.publish(PartnerEvents.partnerCreated("evt-1", "acme", engine.clock().instant(),
          partner));
      Run done = engine.awaitFinished("acme", runs.get(0).id(), Duration.ofSeconds(30));
      System.out.println(engine.trace("acme", done.id()).describe());
      meters.getMeters().stream().filter(m -> m.getId().getName().startsWith("partnerflow.runs"))
          .forEach(m -> System.out.println(m.getId() + " " + m.measure()));
    };
  }
}
