package dev.partnerflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.nodes.ActionType;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.TriggerType;
import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepResult;
import dev.partnerflow.core.pickers.Caller;
import dev.partnerflow.core.run.RunTrace;
import java.net.InetSocketAddress;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing, escaping, CSRF and authorization of the dashboard, on the JDK HttpServer at 127.0.0.1. */
class DashboardHttpTest {
  /** A step whose output is whatever its config says: lets a test put {@code </script>} in an output. */
  public record EchoConfig(String text) {}

  static final class Echo implements ActionType<EchoConfig> {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public Class<EchoConfig> configType() {
      return EchoConfig.class;
    }

    @Override
    public StepResult execute(EchoConfig config, StepContext context) {
      return StepResult.of(Map.of("text", config.text()));
    }

    @Override
    public StepResult dryRun(EchoConfig config, StepContext context) {
      return execute(config, context);
    }

    @Override
    public EchoConfig defaultConfig() {
      return new EchoConfig("");
    }

    @Override
    public NodeDocumentation documentation() {
      return new NodeDocumentation("Echo", "Outputs its text", "test", List.of());
    }
  }

  /** The trigger of the test workflows: fired by hand. */
  public record NoConfig() {}

  static final class Manual implements TriggerType<NoConfig> {
    @Override
    public String name() {
      return "manual";
    }

    @Override
    public Class<NoConfig> configType() {
      return NoConfig.class;
    }

    @Override
    public NoConfig defaultConfig() {
      return new NoConfig();
    }

    @Override
    public NodeDocumentation documentation() {
      return new NodeDocumentation("Manual", "Run by hand", "test", List.of());
    }

    @Override
    public Event sampleEvent(String organizationId, Instant now) {
      return new Event("sample", organizationId, "manual", now, Map.of());
    }
  }

  /**
   * A generator for the "Generate with AI" box: "say X" drafts a manual workflow with one echo step saying X (its
   * label is the description, to check escaping), anything else is not understood.
   */
  static final DraftGenerator SAYER = (description, caller) -> {
    if (!description.startsWith("say ")) {
      return DraftProposal.notUnderstood(List.of("no 'say' in \"" + description + "\""));
    }
    Workflow draft = Workflow.builder(caller.activeOrganizationId(), "Say it").createdBy(caller.userId())
        .trigger("manual").then(dev.partnerflow.core.model.Node.of("say", "echo",
            Map.of("text", description.substring(4))).withLabel(description))
        .build();
    return new DraftProposal(Optional.of(draft), List.of("trigger: run by hand", "say: echo <" + description + ">"),
        List.of("the echo goes nowhere"), List.of());
  };

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private WorkflowEngine engine;
  private PartnerflowHttpHandler handler;
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    engine = WorkflowEngine.builder().discoverNodeTypes(false).nodeType(new Echo()).nodeType(new Manual()).build();
    engine.workflows().create("acme", Workflow.builder("acme", "<img src=x onerror=alert(1)>").id("xss")
        .createdBy("alice").trigger("manual").then("say", "echo", Map.of("text", "</script><script>alert(2)</script>"))
        .build());
    engine.workflows().create("globex", Workflow.builder("globex", "Globex only").id("secret-wf").createdBy("bob")
        .trigger("manual").then("say", "echo", Map.of("text", "hi")).build());
    handler = build(false);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    JdkHttpServerAdapter.mount(server, "/partnerflow", handler);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/partnerflow";
  }

  private PartnerflowHttpHandler build(boolean readOnly) {
    return PartnerflowHttpHandler.builder().dashboard(engine).readOnly(readOnly).generator(SAYER)
        .authenticator(r -> r.header("Authorization").flatMap(h -> switch (h) {
          case "Bearer acme" -> Optional.of(new Caller("alice", "acme"));
          case "Bearer globex" -> Optional.of(new Caller("bob", "globex"));
          default -> Optional.empty();
        })).build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    handler.close();
    engine.close();
  }

  private HttpResponse<String> get(String path, String who) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    if (who != null) {
      b.header("Authorization", "Bearer " + who);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String who, String form) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + who).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String csrf(String who) throws Exception {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get("/", who).body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void every_page_needs_an_authenticated_caller() throws Exception {
    for (String path : new String[] {"/", "/workflows/xss", "/api/workflows", "/assets/run.js"}) {
      assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
      assertThat(get(path, "nobody").statusCode()).as(path).isEqualTo(401);
    }
  }

  @Test
  void routes_answer_404_for_unknown_paths_and_405_with_allow_for_wrong_methods() throws Exception {
    assertThat(get("/nope", "acme").statusCode()).isEqualTo(404);
    assertThat(get("/assets/../../module-info.class", "acme").statusCode()).isEqualTo(404);
    HttpResponse<String> wrong = get("/workflows/xss/status", "acme");
    assertThat(wrong.statusCode()).isEqualTo(405);
    assertThat(wrong.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void pages_carry_the_security_headers_and_escape_every_value() throws Exception {
    HttpResponse<String> list = get("/", "acme");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'").doesNotContain("unsafe-inline");
    assertThat(list.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(list.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(list.body()).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x")
        .doesNotContain("<script>");

    RunTrace trace = engine.testRun("acme", "xss");
    String run = get("/runs/" + trace.run().id(), "acme").body();
    assertThat(run).contains("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;")
        .doesNotContain("</script><script>alert(2)");
    assertThat(run.split("<script", -1)).hasSize(2); // only the run.js module tag
  }

  @Test
  void another_organizations_workflow_or_run_is_not_found() throws Exception {
    RunTrace trace = engine.testRun("globex", "secret-wf");
    assertThat(get("/workflows/secret-wf", "acme").statusCode()).isEqualTo(404);
    assertThat(get("/runs/" + trace.run().id(), "acme").statusCode()).isEqualTo(404);
    assertThat(get("/api/runs/" + trace.run().id(), "acme").statusCode()).isEqualTo(404);
    assertThat(get("/api/runs/" + trace.run().id() + "/events", "acme").statusCode()).isEqualTo(404);
    assertThat(post("/workflows/secret-wf/delete", "acme", "_csrf=" + csrf("acme")).statusCode()).isEqualTo(404);
    assertThat(get("/runs/" + trace.run().id(), "globex").statusCode()).isEqualTo(200);
  }

  @Test
  void posts_without_the_callers_csrf_token_are_refused() throws Exception {
    assertThat(post("/workflows/xss/rename", "acme", "name=Hacked").statusCode()).isEqualTo(403);
    assertThat(post("/workflows/xss/rename", "acme", "name=Hacked&_csrf=" + csrf("globex")).statusCode())
        .isEqualTo(403);
    assertThat(engine.workflows().get("acme", "xss").name()).isEqualTo("<img src=x onerror=alert(1)>");
    HttpResponse<String> ok = post("/workflows/xss/rename", "acme", "name=Renamed&_csrf=" + csrf("acme"));
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(engine.workflows().get("acme", "xss").name()).isEqualTo("Renamed");
  }

  @Test
  void run_once_redirects_to_the_run_panel_and_status_toggles() throws Exception {
    String token = csrf("acme");
    HttpResponse<String> run = post("/workflows/xss/run-once", "acme", "_csrf=" + token);
    assertThat(run.statusCode()).isEqualTo(303);
    assertThat(run.headers().firstValue("Location").orElseThrow()).startsWith("/partnerflow/runs/");
    String json = get(run.headers().firstValue("Location").orElseThrow().replace("/partnerflow/runs/", "/api/runs/"),
        "acme").body();
    assertThat(json).contains("\"status\":\"succeeded\"");
    assertThat(post("/workflows/xss/status", "acme", "status=active&_csrf=" + token).statusCode()).isEqualTo(303);
    assertThat(engine.workflows().get("acme", "xss").status().wireName()).isEqualTo("active");
    assertThat(post("/workflows/xss/status", "acme", "status=inactive&_csrf=" + token).statusCode()).isEqualTo(303);
    assertThat(engine.workflows().get("acme", "xss").status().wireName()).isEqualTo("inactive");
    assertThat(post("/workflows/xss/status", "acme", "status=draft&back=detail&_csrf=" + token).headers()
        .firstValue("Location")).hasValue("/partnerflow/workflows/xss");
    assertThat(engine.workflows().get("acme", "xss").status().wireName()).isEqualTo("draft");
    assertThat(post("/workflows/xss/status", "acme", "status=paused&_csrf=" + token).statusCode()).isEqualTo(400);
    String list = get("/", "acme").body();
    assertThat(list).contains("value=\"draft\" class=\"toggle set-draft current\" aria-pressed=\"true\" disabled>",
        "value=\"active\" class=\"toggle set-active\" aria-pressed=\"false\">",
        "value=\"inactive\" class=\"toggle set-inactive\" aria-pressed=\"false\">");
  }

  @Test
  void generate_with_ai_shows_the_proposal_and_saves_it_as_a_draft_once_for_its_caller_only() throws Exception {
    String token = csrf("acme");
    assertThat(get("/", "acme").body()).contains("id=\"generate\"", "name=\"description\"");
    assertThat(post("/generate", "acme", "description=say+hi").statusCode()).as("no CSRF token").isEqualTo(403);
    assertThat(post("/generate", "acme", "description=+++&_csrf=" + token).statusCode()).isEqualTo(400);
    long before = engine.workflows().list("acme", dev.partnerflow.core.store.WorkflowQuery.all()).total();

    HttpResponse<String> shown = post("/generate", "acme", "description=say+%3Cb%3Ehi%3C%2Fb%3E&_csrf=" + token);
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.body()).contains("<svg class=\"graph\"", "data-node=\"say\"", "<span id=\"proposal-name\">Say it",
        "<li>say: echo &lt;say &lt;b&gt;hi&lt;/b&gt;&gt;</li>", "<li>the echo goes nowhere</li>", "id=\"save-draft\"")
        .doesNotContain("<b>hi</b>");
    assertThat(engine.workflows().list("acme", dev.partnerflow.core.store.WorkflowQuery.all()).total())
        .as("nothing is stored before Save").isEqualTo(before);
    Matcher m = Pattern.compile("action=\"/partnerflow(/generate/[^/\"]+/save)\"").matcher(shown.body());
    assertThat(m.find()).isTrue();
    String save = m.group(1);

    assertThat(post(save, "globex", "_csrf=" + csrf("globex")).statusCode()).as("another organization")
        .isEqualTo(404);
    HttpResponse<String> saved = post(save, "acme", "_csrf=" + token);
    assertThat(saved.statusCode()).isEqualTo(303);
    String id = saved.headers().firstValue("Location").orElseThrow().replace("/partnerflow/workflows/", "");
    Workflow draft = engine.workflows().get("acme", id);
    assertThat(draft.status().wireName()).isEqualTo("draft");
    assertThat(draft.metadata().createdBy()).isEqualTo("alice");
    assertThat(post(save, "acme", "_csrf=" + token).statusCode()).as("saved once").isEqualTo(404);

    HttpResponse<String> nonsense = post("/generate", "acme", "description=hello&_csrf=" + token);
    assertThat(nonsense.body()).contains("id=\"not-understood\"", "no &#39;say&#39; in").doesNotContain("save-draft");
  }

  @Test
  void read_only_refuses_every_post_and_shows_no_actions() throws Exception {
    server.removeContext("/partnerflow");
    PartnerflowHttpHandler readOnly = build(true);
    JdkHttpServerAdapter.mount(server, "/partnerflow", readOnly);
    try {
      assertThat(get("/", "acme").body()).doesNotContain("status-form").doesNotContain("id=\"generate\"");
      String token = new dev.partnerflow.web.internal.Csrf(new byte[32]).token(new Caller("alice", "acme"));
      assertThat(post("/workflows/xss/run-once", "acme", "_csrf=" + token).statusCode()).isEqualTo(403);
      assertThat(post("/generate", "acme", "description=say+hi&_csrf=" + token).statusCode()).isEqualTo(403);
    } finally {
      readOnly.close();
    }
  }
}
