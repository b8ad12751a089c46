package dev.partnerflow.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.pickers.PickersService;
import dev.partnerflow.web.PartnerflowHttpHandler;
import dev.partnerflow.web.PartnerflowServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PartnerflowServlet} in a real servlet container: embedded Tomcat on 127.0.0.1, the servlet mapped to
 * {@code /partnerflow/*} in a web application at {@code /app}, over the example server's engine and picker data.
 */
class PartnerflowServletTomcatTest {
  private static final String AUTH = "Bearer " + BearerTokenAuthenticator.ACME_TOKEN;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private DemoWorkflows demo;
  private PartnerflowHttpHandler handler;
  private Tomcat tomcat;
  private Path baseDir;
  private String base;

  @BeforeEach
  void start() throws Exception {
    demo = new DemoWorkflows().seed();
    handler = PartnerflowHttpHandler.builder()
        .authenticator(new BearerTokenAuthenticator(BearerTokenAuthenticator.DEMO_TOKENS))
        .pickers(PickersService.builder().specializations(DemoData.specializations()).trainings(DemoData.trainings())
            .build())
        .dashboard(demo.engine())
        .build();
    baseDir = Files.createTempDirectory("partnerflow-tomcat");
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context app = tomcat.addContext("/app", baseDir.toString());
    Wrapper servlet = Tomcat.addServlet(app, "partnerflow", new PartnerflowServlet(handler));
    servlet.setAsyncSupported(true); // the live run panel streams after service() returns
    app.addServletMappingDecoded("/partnerflow/*", "partnerflow");
    tomcat.start();
    base = "http://127.0.0.1:" + connector.getLocalPort() + "/app/partnerflow";
  }

  @AfterEach
  void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    handler.close();
    demo.close();
  }

  private HttpResponse<String> get(String path, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void the_list_page_under_the_prefix_with_its_security_headers_and_links_below_the_mount_point() throws Exception {
    HttpResponse<String> page = get("/", AUTH);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t.toLowerCase())
        .startsWith("text/html").contains("charset=utf-8"));
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.body()).contains("Welcome new partners", "href=\"/app/partnerflow/workflows/"
        + DemoWorkflows.WELCOME + "\"", "href=\"/app/partnerflow/assets/dashboard.css\"");

    HttpResponse<String> css = get("/assets/dashboard.css", AUTH);
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));

    HttpResponse<String> bare = client.send(HttpRequest.newBuilder(URI.create(base)).header("Authorization", AUTH)
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(bare.statusCode()).isEqualTo(308);
    assertThat(bare.headers().firstValue("Location")).hasValue("/app/partnerflow/");
  }

  @Test
  void a_picker_endpoint_answers_json_and_refuses_without_credentials() throws Exception {
    HttpResponse<String> trainings = get(PartnerflowHttpHandler.TRAININGS_PATH, AUTH);
    assertThat(trainings.statusCode()).isEqualTo(200);
    assertThat(trainings.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/json"));
    assertThat(trainings.body()).startsWith("[").contains("CRM basics");

    HttpResponse<String> anonymous = get(PartnerflowHttpHandler.TRAININGS_PATH, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(anonymous.body()).contains("\"error\":\"unauthenticated\"");

    HttpResponse<String> wrongMethod = client.send(HttpRequest.newBuilder(URI.create(base
        + PartnerflowHttpHandler.TRAININGS_PATH)).header("Authorization", AUTH)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void a_form_post_with_its_csrf_token_and_a_run_stream_through_the_container() throws Exception {
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get("/", AUTH).body());
    assertThat(token.find()).isTrue();
    HttpResponse<String> renamed = client.send(HttpRequest.newBuilder(URI.create(base + "/workflows/"
        + DemoWorkflows.QBR + "/rename")).header("Authorization", AUTH)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("name=QBR+invite&_csrf=" + token.group(1))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(renamed.statusCode()).isEqualTo(303);
    assertThat(renamed.headers().firstValue("Location")).hasValue("/app/partnerflow/workflows/" + DemoWorkflows.QBR);
    assertThat(demo.engine().workflows().get(DemoData.ACME, DemoWorkflows.QBR).name()).isEqualTo("QBR invite");

    String finishedRun = demo.engine().testRun(DemoData.ACME, DemoWorkflows.QBR).run().id();
    HttpResponse<String> stream = get("/api/runs/" + finishedRun + "/events", AUTH);
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("text/event-stream"));
    assertThat(stream.body()).startsWith(": connected").contains("event: trace\n", "\"status\":\"succeeded\"",
        "event: end\n");
  }
}
