package dev.partnerflow.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.export.ExportStatus;
import dev.partnerflow.core.export.ExportStatusPoller;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.pickers.Caller;
import dev.partnerflow.core.pickers.SpecializationSource;
import dev.partnerflow.core.pickers.TrainingModule;
import dev.partnerflow.core.pickers.TrainingSource;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.triggers.PartnerEvents;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import dev.partnerflow.web.Authenticator;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole starter in a real Spring Boot application: Tomcat on 127.0.0.1, the engine started with the context,
 * the welcome email delivered to a real SMTP server (GreenMail) configured through spring.mail.*.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1", "partnerflow.mail.from=Partner Team <partners@vendor.example>",
    "partnerflow.poll-interval=50ms"})
class PartnerflowSpringBootTest {
  static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
      .dynamicPort());

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    SMTP.start();
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
  }

  @AfterAll
  static void stopSmtp() {
    SMTP.stop();
  }

  @Autowired
  WorkflowEngine engine;

  @LocalServerPort
  int port;

  @Test
  void a_published_event_sends_the_welcome_email_through_spring_mail_settings() throws Exception {
    Workflow wf = engine.workflows().create("acme", Workflow.builder("acme", "Welcome").trigger("partner_created")
        .then("welcome", "send_email", Map.of("to", List.of("role:primary_contact"),
            "subject", "Welcome aboard, {{partner.name}}!", "text", "Here is how to get started."))
        .build());
    engine.workflows().activate("acme", wf.id());

    List<Run> runs = engine.publish(PartnerEvents.partnerCreated("evt-1", "acme", Instant.now(),
        Partner.builder("p-1", "Northwind").primaryContact(Person.of("Dana", "dana@northwind.example")).build()));
    Run done = engine.awaitFinished("acme", runs.get(0).id(), Duration.ofSeconds(20));

    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(SMTP.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage mail = SMTP.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("Welcome aboard, Northwind!");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("dana@northwind.example");
    assertThat(mail.getFrom()[0].toString()).contains("partners@vendor.example");
  }

  @Test
  void the_picker_and_export_stream_endpoints_answer_in_spring_mvc() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> trainings = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/workflow-pickers/trainings"))
        .header("Authorization", "Bearer test").timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/workflow-pickers/trainings"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> stream = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/api/exports/pptx/stream?lessonId=8f7c2a0e-5b1d-4c3e-9a6f-0d2b4e6f8a1c"))
        .header("Authorization", "Bearer test").timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(trainings.statusCode()).isEqualTo(200);
    assertThat(trainings.body()).contains("Partner onboarding 101");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/event-stream"));
    assertThat(stream.body()).startsWith(": connected").contains("event: completed")
        .contains("https://files.vendor.example/deck.pptx");
  }

  @Test
  void the_dashboard_answers_under_partnerflow_with_its_security_headers() throws Exception {
    Workflow wf = engine.workflows().create("acme", Workflow.builder("acme", "Dashboard check")
        .trigger("partner_created").then("wait", "delay", Map.of("duration", "P1D")).build());

    HttpResponse<String> list = get("/partnerflow/", true);
    HttpResponse<String> anonymous = get("/partnerflow/", false);
    HttpResponse<String> bare = get("/partnerflow", true);
    HttpResponse<String> css = get("/partnerflow/assets/dashboard.css", true);

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/html"));
    assertThat(list.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline"));
    assertThat(list.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(list.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    // the pages link below the mount point: the servlet's prefix reached HttpRequestView.contextPath
    assertThat(list.body()).contains("Dashboard check").contains("href=\"/partnerflow/assets/dashboard.css\"")
        .contains("/partnerflow/workflows/" + wf.id());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(bare.statusCode()).isEqualTo(308);
    assertThat(bare.headers().firstValue("Location")).hasValue("/partnerflow/");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/css"));

    // a form post reaches the dashboard with its body (no servlet filter consumed it)
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(list.body());
    assertThat(token.find()).isTrue();
    HttpResponse<String> rename = HTTP.send(HttpRequest.newBuilder(url("/partnerflow/workflows/" + wf.id()
            + "/rename")).header("Authorization", "Bearer test")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token.group(1) + "&name=Renamed+in+Boot"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(rename.statusCode()).as(rename.body()).isEqualTo(303);
    assertThat(rename.headers().firstValue("Location")).hasValue("/partnerflow/workflows/" + wf.id());
    assertThat(engine.workflows().get("acme", wf.id()).name()).isEqualTo("Renamed in Boot");
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> get(String path, boolean authenticated) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10));
    if (authenticated) {
      request.header("Authorization", "Bearer test");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SpringBootApplication
  static class HostApplication {
    @Bean
    Authenticator authenticator() {
      return request -> request.header("Authorization").filter("Bearer test"::equals)
          .map(h -> new Caller("u-1", "acme"));
    }

    @Bean
    SpecializationSource specializations() {
      return org -> List.of();
    }

    @Bean
    TrainingSource trainings() {
      return org -> List.of(new TrainingModule("t-1", org, "Partner onboarding 101", "", List.of("intro"), true,
          null, 30));
    }

    @Bean
    ExportStatusPoller exportStatusPoller() {
      return query -> new ExportStatus.Completed("https://files.vendor.example/deck.pptx", 12, "deck-model",
          Optional.empty(), Instant.now());
    }
  }
}
