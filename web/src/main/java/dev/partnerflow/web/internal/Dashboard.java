package dev.partnerflow.web.internal;

import static dev.partnerflow.web.internal.Html.esc;
import static dev.partnerflow.web.internal.Html.url;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.engine.WorkflowListing;
import dev.partnerflow.core.engine.WorkflowsSummary;
import dev.partnerflow.core.export.SseSink;
import dev.partnerflow.core.model.LifecycleStage;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowMetadata;
import dev.partnerflow.core.model.WorkflowStatus;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.pickers.Caller;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.store.Page;
import dev.partnerflow.core.store.RunQuery;
import dev.partnerflow.core.store.WorkflowQuery;
import dev.partnerflow.core.validation.InvalidWorkflowException;
import dev.partnerflow.core.validation.Problem;
import dev.partnerflow.web.DraftGenerator;
import dev.partnerflow.web.HttpRequestView;
import dev.partnerflow.web.internal.Exchange.BadRequest;
import dev.partnerflow.web.internal.Exchange.Forbidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The workflows dashboard: pages rendered on the server as plain HTML (they work without JavaScript), JSON and an
 * event stream for the live run panel, and the static assets. Every page is for the caller's organization only.
 */
public final class Dashboard {
  static final int PAGE_SIZE = 20;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final ObjectWriter PRETTY = JsonMapper.builder().build().writerWithDefaultPrettyPrinter();
  private static final Map<String, String> ASSETS = Map.of(
      "dashboard.css", "text/css; charset=utf-8",
      "run.js", "text/javascript; charset=utf-8");

  private final WorkflowEngine engine;
  private final Function<HttpRequestView, Caller> callers;
  private final Csrf csrf;
  private final boolean readOnly;
  private final RunStreams streams;
  private final Map<String, byte[]> assets = new LinkedHashMap<>();
  private final GenerateFlow generate;

  /**
   * @param generator the "Generate with AI" box's generator, or null for no box
   */
  public Dashboard(WorkflowEngine engine, Function<HttpRequestView, Caller> callers, Csrf csrf, boolean readOnly,
      RunStreams streams, DraftGenerator generator) {
    this.engine = engine;
    this.generate = generator == null ? null : new GenerateFlow(engine, generator, csrf);
    this.callers = callers;
    this.csrf = csrf;
    this.readOnly = readOnly;
    this.streams = streams;
    for (String name : ASSETS.keySet()) {
      try (InputStream in = Dashboard.class.getResourceAsStream("assets/" + name)) {
        if (in == null) {
          throw new IllegalStateException("asset " + name + " is missing from the partnerflow-web jar");
        }
        assets.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public void register(Router<Action> router) {
    router.add("GET", "/", this::list)
        .add("GET", "/workflows/{id}", this::detail)
        .add("GET", "/workflows/{id}/delete", this::confirmDelete)
        .add("POST", "/workflows/{id}/rename", x -> post(x, this::rename))
        .add("POST", "/workflows/{id}/status", x -> post(x, this::status))
        .add("POST", "/workflows/{id}/delete", x -> post(x, this::delete))
        .add("POST", "/workflows/{id}/run-once", x -> post(x, this::runOnce))
        .add("GET", "/runs/{id}", this::runPage)
        .add("GET", "/api/workflows", this::listJson)
        .add("GET", "/api/runs/{id}", this::runJson)
        .add("GET", "/api/runs/{id}/events", this::runEvents)
        .add("GET", "/assets/{name}", this::asset);
    if (generate != null) {
      router.add("POST", "/generate", x -> post(x, generate::propose))
          .add("POST", "/generate/{key}/save", x -> post(x, generate::save));
    }
  }

  interface PostAction {
    void run(Exchange x, Caller caller) throws IOException;
  }

  /** Every state change: POST only (the router refuses other methods), not read-only, same origin, CSRF token. */
  void post(Exchange x, PostAction action) throws IOException {
    Caller caller = callers.apply(x.request());
    if (readOnly) {
      throw new Forbidden("this dashboard is read-only");
    }
    String site = x.request().header("Sec-Fetch-Site").orElse("same-origin");
    if (!site.equals("same-origin") && !site.equals("none")) {
      throw new Forbidden("cross-site form posts are refused (Sec-Fetch-Site: " + QueryString.shown(site) + ")");
    }
    if (!csrf.valid(caller, x.form(Csrf.FIELD).orElse(null))) {
      throw new Forbidden("the form's CSRF token is missing or wrong; reload the page and try again");
    }
    action.run(x, caller);
  }

  // ---- list --------------------------------------------------------------------------------------------------

  private WorkflowQuery query(Exchange x) {
    WorkflowQuery q = WorkflowQuery.all();
    q = q.withSearch(x.query("q").orElse(null));
    Optional<String> stage = x.query("stage").filter(s -> !s.isEmpty());
    if (stage.isPresent()) {
      q = q.withStage(parse(() -> LifecycleStage.fromWire(stage.get()), "stage", stage.get()));
    }
    Optional<String> status = x.query("status").filter(s -> !s.isEmpty());
    if (status.isPresent()) {
      q = q.withStatus(parse(() -> WorkflowStatus.fromWire(status.get()), "status", status.get()));
    }
    int page = x.query("page").map(p -> parse(() -> Integer.parseInt(p), "page", p)).orElse(1);
    if (page < 1 || page > 100_000) {
      throw new BadRequest("page must be between 1 and 100000, but was " + page);
    }
    return q.withPage(page - 1, PAGE_SIZE);
  }

  private static <T> T parse(java.util.function.Supplier<T> f, String name, String value) {
    try {
      return f.get();
    } catch (RuntimeException e) {
      throw new BadRequest(name + " is not valid: '" + QueryString.shown(value) + "'");
    }
  }

  private void list(Exchange x) throws IOException {
    Caller caller = callers.apply(x.request());
    String org = caller.activeOrganizationId();
    WorkflowQuery q = query(x);
    Page<WorkflowListing> page = engine.workflows().list(org, q);
    WorkflowsSummary summary = engine.workflows().summary(org);
    String failed = x.query("failed").orElse("");
    String b = esc(x.base());
    StringBuilder sb = new StringBuilder();
    sb.append("<div class=\"title-row\"><h1>Workflows</h1>");
    if (readOnly) {
      sb.append("<span class=\"badge readonly\">Read-only</span>");
    }
    sb.append("</div><section class=\"cards\">")
        .append(card("card-active", "Active workflows", String.valueOf(summary.activeWorkflows())))
        .append(card("card-creators", "Team members who created workflows", String.valueOf(summary.distinctCreators())))
        .append(card("card-minutes", "Minutes saved per week", String.valueOf(summary.minutesSavedPerWeek())))
        .append("</section>");
    if (generate != null && !readOnly) {
      sb.append(generate.box(x.base(), caller, ""));
    }
    sb.append("<form class=\"filters\" id=\"filters\" method=\"get\" action=\"").append(b).append("/\">")
        .append("<input type=\"search\" name=\"q\" id=\"search\" placeholder=\"Search by name\" aria-label=\"Search by")
        .append(" name\" value=\"").append(esc(q.search().orElse(""))).append("\">")
        .append("<select name=\"stage\" id=\"stage\" aria-label=\"Stage\"><option value=\"\">All stages</option>");
    for (LifecycleStage s : LifecycleStage.values()) {
      sb.append(option(s.wireName(), title(s.wireName()), q.stage().filter(s::equals).isPresent()));
    }
    sb.append("</select><select name=\"status\" id=\"status\" aria-label=\"Status\"><option value=\"\">All statuses")
        .append("</option>");
    for (WorkflowStatus s : WorkflowStatus.values()) {
      sb.append(option(s.wireName(), title(s.wireName()), q.status().filter(s::equals).isPresent()));
    }
    sb.append("</select><button type=\"submit\" id=\"apply-filters\">Filter</button></form>");
    sb.append("<table class=\"workflows\" id=\"workflows\"><thead><tr><th>Name</th><th>Stage</th><th>Status</th>")
        .append("<th>Trigger</th><th class=\"num\">Minutes saved / week</th><th>Last run</th><th>Actions</th></tr>")
        .append("</thead><tbody>");
    if (page.items().isEmpty()) {
      sb.append("<tr><td colspan=\"7\" class=\"muted\">No workflows match.</td></tr>");
    }
    String token = csrf.token(caller);
    for (WorkflowListing w : page.items()) {
      WorkflowMetadata m = w.metadata();
      String id = m.id();
      String link = b + "/workflows/" + esc(url(id));
      sb.append("<tr class=\"workflow-row\" data-workflow=\"").append(esc(id)).append("\"><td><a class=\"name\" href=\"")
          .append(link).append("\">").append(esc(m.name())).append("</a></td><td>").append(esc(title(m.stage()
              .wireName()))).append("</td><td>").append(statusBadge(m.status())).append("</td><td>")
          .append(esc(w.triggerType().orElse("—"))).append("</td><td class=\"num minutes\">")
          .append(w.minutesSavedPerWeek()).append("</td><td>").append(lastRun(x, org, id)).append("</td>")
          .append("<td class=\"actions\">");
      if (!readOnly) {
        sb.append(toggle(b, id, m.status(), token, "list"))
            .append("<details class=\"menu\"><summary>More</summary><div class=\"menu-body\">")
            .append(renameForm(b, id, m.name(), token))
            .append("<a class=\"danger-link delete-link\" href=\"").append(link).append("/delete\">Delete…</a>")
            .append("</div></details>");
      }
      sb.append("</td></tr>");
      if (failed.equals(id)) {
        sb.append("<tr class=\"problems-row\" data-problems-for=\"").append(esc(id)).append("\"><td colspan=\"7\">")
            .append(problems(engine.workflows().validate(org, id), "Could not activate “" + m.name() + "”"))
            .append("</td></tr>");
      }
    }
    sb.append("</tbody></table>");
    long pages = Math.max(1, (page.total() + PAGE_SIZE - 1) / PAGE_SIZE);
    int current = page.page() + 1;
    sb.append("<nav class=\"pager\" id=\"pager\">");
    if (current > 1) {
      sb.append("<a href=\"").append(b).append('/').append(esc(pageQuery(q, current - 1))).append("\">← Previous</a>");
    }
    sb.append("<span>Page ").append(current).append(" of ").append(pages).append(" · ").append(page.total())
        .append(" workflows</span>");
    if (page.hasNext()) {
      sb.append("<a href=\"").append(b).append('/').append(esc(pageQuery(q, current + 1))).append("\">Next →</a>");
    }
    sb.append("</nav>");
    x.html(200, Pages.page(x.base(), "Workflows", sb.toString()));
  }

  private static String pageQuery(WorkflowQuery q, int page) {
    StringBuilder sb = new StringBuilder("?page=").append(page);
    q.search().ifPresent(s -> sb.append("&q=").append(url(s)));
    q.stage().ifPresent(s -> sb.append("&stage=").append(s.wireName()));
    q.status().ifPresent(s -> sb.append("&status=").append(s.wireName()));
    return sb.toString();
  }

  private String lastRun(Exchange x, String org, String workflowId) {
    List<Run> runs = engine.runs(org, workflowId, RunQuery.all().withPage(0, 1)).items();
    if (runs.isEmpty()) {
      return "<span class=\"muted\">Never</span>";
    }
    Run r = runs.get(0);
    return "<a class=\"last-run\" href=\"" + esc(x.base()) + "/runs/" + esc(url(r.id())) + "\">" + runBadge(r.status())
        + " <span class=\"muted\">" + esc(TIME.format(r.createdAt())) + "</span></a>";
  }

  private static String card(String id, String label, String value) {
    return "<div class=\"card\" id=\"" + id + "\"><div class=\"card-value\">" + esc(value)
        + "</div><div class=\"card-label\">" + esc(label) + "</div></div>";
  }

  private static String option(String value, String label, boolean selected) {
    return "<option value=\"" + esc(value) + "\"" + (selected ? " selected" : "") + ">" + esc(label) + "</option>";
  }

  private static String title(String wire) {
    return wire.isEmpty() ? wire : Character.toUpperCase(wire.charAt(0)) + wire.substring(1).toLowerCase(Locale.ROOT);
  }

  private static String statusBadge(WorkflowStatus s) {
    return "<span class=\"badge status status-" + s.wireName() + "\">" + esc(title(s.wireName())) + "</span>";
  }

  private static String runBadge(RunStatus s) {
    String name = s.name().toLowerCase(Locale.ROOT);
    return "<span class=\"badge run-status run-" + name + "\">" + esc(title(name)) + "</span>";
  }

  static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\">";
  }

  /**
   * The status toggle: one form, a button per status (Draft, Active, Inactive); the current one is pressed and
   * disabled. Without JavaScript it is a plain form post.
   */
  private static String toggle(String b, String id, WorkflowStatus status, String token, String back) {
    StringBuilder sb = new StringBuilder("<form class=\"inline status-form status-toggle\" method=\"post\" action=\"")
        .append(b).append("/workflows/").append(esc(url(id))).append("/status\" role=\"group\" aria-label=\"Status\">")
        .append(hidden(Csrf.FIELD, token)).append(hidden("back", back));
    for (WorkflowStatus s : WorkflowStatus.values()) {
      boolean current = s == status;
      sb.append("<button type=\"submit\" name=\"status\" value=\"").append(s.wireName())
          .append("\" class=\"toggle set-").append(s.wireName()).append(current ? " current" : "")
          .append("\" aria-pressed=\"").append(current).append('"').append(current ? " disabled" : "").append('>')
          .append(esc(title(s.wireName()))).append("</button>");
    }
    return sb.append("</form>").toString();
  }

  private static String renameForm(String b, String id, String name, String token) {
    return "<form class=\"rename-form\" method=\"post\" action=\"" + b + "/workflows/" + esc(url(id)) + "/rename\">"
        + hidden(Csrf.FIELD, token) + "<input name=\"name\" aria-label=\"New name\" maxlength=\""
        + WorkflowMetadata.MAX_NAME_LENGTH + "\" value=\"" + esc(name) + "\"><button type=\"submit\">Rename"
        + "</button></form>";
  }

  static String problems(List<Problem> problems, String heading) {
    StringBuilder sb = new StringBuilder("<div class=\"problems\"><strong>").append(esc(heading)).append(": ")
        .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("</strong><ul>");
    for (Problem p : problems) {
      sb.append("<li class=\"problem\">").append(esc(p.message())).append("</li>");
    }
    return sb.append("</ul></div>").toString();
  }

  // ---- detail -------------------------------------------------------------------------------------------------

  private void detail(Exchange x) throws IOException {
    Caller caller = callers.apply(x.request());
    String org = caller.activeOrganizationId();
    Workflow w = engine.workflows().get(org, x.param("id"));
    String b = esc(x.base());
    String id = w.id();
    String token = csrf.token(caller);
    Optional<RunStatus> runStatus = x.query("runStatus").filter(s -> !s.isEmpty())
        .map(s -> parse(() -> RunStatus.valueOf(s.toUpperCase(Locale.ROOT)), "runStatus", s));
    String trigger = w.graph().nodes().stream()
        .filter(n -> engine.registry().find(n.type()).map(t -> t.kind() == NodeKind.TRIGGER).orElse(false))
        .map(n -> n.type()).findFirst().orElse("—");
    StringBuilder sb = new StringBuilder();
    sb.append("<p><a href=\"").append(b).append("/\">← All workflows</a></p>")
        .append("<div class=\"title-row\"><h1 id=\"workflow-name\">").append(esc(w.name())).append("</h1>")
        .append(statusBadge(w.status())).append("</div>")
        .append("<p class=\"meta\">Stage <strong>").append(esc(title(w.metadata().stage().wireName())))
        .append("</strong> · Trigger <strong>").append(esc(trigger)).append("</strong> · Version <strong id=\"")
        .append("version\">").append(w.version()).append("</strong> · Minutes saved / week <strong>")
        .append(engine.workflows().minutesSavedPerWeek(org, id)).append("</strong></p>");
    w.metadata().description().ifPresent(d -> sb.append("<p class=\"description\">").append(esc(d)).append("</p>"));
    if (!readOnly) {
      sb.append("<div class=\"toolbar\"><form class=\"inline\" method=\"post\" action=\"").append(b)
          .append("/workflows/").append(esc(url(id))).append("/run-once\">").append(hidden(Csrf.FIELD, token))
          .append("<button type=\"submit\" id=\"run-once\" class=\"primary\">Run once</button></form>")
          .append(toggle(b, id, w.status(), token, "detail"))
          .append(renameForm(b, id, w.name(), token))
          .append("<a class=\"danger-link\" href=\"").append(b).append("/workflows/").append(esc(url(id)))
          .append("/delete\">Delete…</a></div>");
    }
    if (w.status() != WorkflowStatus.ACTIVE) {
      List<Problem> problems = engine.workflows().validate(org, id);
      if (!problems.isEmpty()) {
        sb.append("<section id=\"problems\">").append(problems(problems, "Activation problems")).append("</section>");
      }
    }
    sb.append("<h2>Graph</h2><div class=\"graph-box\">").append(GraphSvg.render(w.graph())).append("</div>");
    Page<Run> runs = engine.runs(org, id, RunQuery.all().withStatuses(runStatus.map(Set::of).orElse(Set.of()))
        .withPage(0, 50));
    sb.append("<h2>Runs</h2><form class=\"filters\" method=\"get\" action=\"").append(b).append("/workflows/")
        .append(esc(url(id))).append("\"><select name=\"runStatus\" id=\"run-status-filter\" aria-label=\"Run status\">")
        .append("<option value=\"\">All statuses</option>");
    for (RunStatus s : RunStatus.values()) {
      String n = s.name().toLowerCase(Locale.ROOT);
      sb.append(option(n, title(n), runStatus.filter(s::equals).isPresent()));
    }
    sb.append("</select><button type=\"submit\">Filter</button></form><table class=\"runs\" id=\"runs\"><thead><tr>")
        .append("<th>Run</th><th>Status</th><th>Kind</th><th>Version</th><th>Started</th><th>Finished</th>")
        .append("<th>Error</th></tr></thead><tbody>");
    if (runs.items().isEmpty()) {
      sb.append("<tr><td colspan=\"7\" class=\"muted\">No runs yet.</td></tr>");
    }
    for (Run r : runs.items()) {
      sb.append("<tr class=\"run-row\"><td><a href=\"").append(b).append("/runs/").append(esc(url(r.id())))
          .append("\"><code>").append(esc(shortId(r.id()))).append("</code></a></td><td>").append(runBadge(r.status()))
          .append("</td><td>").append(r.testRun() ? "Test run" : "Event").append("</td><td>v")
          .append(r.workflowVersion()).append("</td><td>").append(esc(TIME.format(r.createdAt()))).append("</td><td>")
          .append(esc(r.finishedAt().map(TIME::format).orElse("—"))).append("</td><td class=\"error-text\">")
          .append(esc(r.error().orElse(""))).append("</td></tr>");
    }
    sb.append("</tbody></table>");
    if (runs.total() > runs.items().size()) {
      sb.append("<p class=\"muted\">Showing the newest ").append(runs.items().size()).append(" of ")
          .append(runs.total()).append(" runs.</p>");
    }
    x.html(200, Pages.page(x.base(), w.name(), sb.toString()));
  }

  private static String shortId(String id) {
    return id.length() <= 12 ? id : id.substring(0, 12) + "…";
  }

  private void confirmDelete(Exchange x) throws IOException {
    Caller caller = callers.apply(x.request());
    Workflow w = engine.workflows().get(caller.activeOrganizationId(), x.param("id"));
    String b = esc(x.base());
    String body = "<section class=\"confirm\" id=\"confirm-delete\"><h1>Delete “" + esc(w.name()) + "”?</h1>"
        + "<p>Deleting a workflow removes it permanently and stops all future runs; runs still waiting are cancelled."
        + "</p>" + (readOnly ? "<p>This dashboard is read-only.</p>" : "<form method=\"post\" action=\"" + b
        + "/workflows/" + esc(url(w.id())) + "/delete\">" + hidden(Csrf.FIELD, csrf.token(caller))
        + "<button type=\"submit\" class=\"danger\" id=\"confirm-delete-button\">Delete permanently</button> <a href=\""
        + b + "/workflows/" + esc(url(w.id())) + "\">Cancel</a></form>") + "</section>";
    x.html(200, Pages.page(x.base(), "Delete " + w.name(), body));
  }

  // ---- actions ------------------------------------------------------------------------------------------------

  private void rename(Exchange x, Caller caller) throws IOException {
    String name = x.form("name").orElse("").strip();
    try {
      engine.workflows().rename(caller.activeOrganizationId(), x.param("id"), name);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
    x.redirect("/workflows/" + url(x.param("id")));
  }

  private void status(Exchange x, Caller caller) throws IOException {
    String org = caller.activeOrganizationId();
    String id = x.param("id");
    String wanted = x.form("status").orElse("");
    boolean detail = x.form("back").filter("detail"::equals).isPresent();
    String back = detail ? "/workflows/" + url(id) : "/";
    WorkflowStatus status = parse(() -> WorkflowStatus.fromWire(wanted), "status", wanted);
    try {
      engine.workflows().setStatus(org, id, status);
    } catch (InvalidWorkflowException e) {
      // every problem is shown next to the workflow: on the detail page always, on the list for this one
      x.redirect(detail ? back : "/?failed=" + url(id));
      return;
    }
    x.redirect(back);
  }

  private void delete(Exchange x, Caller caller) throws IOException {
    engine.workflows().delete(caller.activeOrganizationId(), x.param("id"));
    x.redirect("/");
  }

  private void runOnce(Exchange x, Caller caller) throws IOException {
    String id = x.param("id");
    RunTrace trace;
    try {
      trace = engine.testRun(caller.activeOrganizationId(), id);
    } catch (InvalidWorkflowException e) {
      x.redirect("/workflows/" + url(id));
      return;
    }
    x.redirect("/runs/" + url(trace.run().id()));
  }

  // ---- run panel ----------------------------------------------------------------------------------------------

  private void runPage(Exchange x) throws IOException {
    Caller caller = callers.apply(x.request());
    RunView view = RunView.of(engine, caller.activeOrganizationId(), x.param("id"));
    Run run = view.run();
    String b = esc(x.base());
    String runPath = b + "/api/runs/" + esc(url(run.id()));
    StringBuilder sb = new StringBuilder();
    sb.append("<p><a href=\"").append(b).append("/workflows/").append(esc(url(run.workflowId()))).append("\">← ")
        .append(esc(view.workflow().map(Workflow::name).orElse(run.workflowId()))).append("</a></p>")
        .append("<section class=\"run-panel\" id=\"run-panel\" data-live=\"").append(!run.status().isFinal())
        .append("\" data-events=\"").append(runPath).append("/events\">")
        .append("<div class=\"title-row\"><h1>Run <code>").append(esc(shortId(run.id()))).append("</code></h1>")
        .append("<span id=\"run-status\">").append(runBadge(run.status())).append("</span>")
        .append("<span id=\"live\" class=\"live\">").append(run.status().isFinal() ? "" : "Live").append("</span></div>")
        .append("<dl class=\"facts\"><dt>Workflow</dt><dd>").append(esc(view.workflow().map(Workflow::name)
            .orElse(run.workflowId()))).append(" (version ").append(run.workflowVersion()).append(")</dd>")
        .append("<dt>Kind</dt><dd>").append(run.testRun() ? "Test run (Run once)" : "Event").append("</dd>")
        .append("<dt>Event</dt><dd><code id=\"event-id\">").append(esc(run.eventId())).append("</code> (")
        .append(esc(run.triggerType())).append(")</dd><dt>Started</dt><dd>").append(esc(TIME.format(run.createdAt())))
        .append("</dd><dt>Finished</dt><dd id=\"run-finished\">").append(esc(run.finishedAt().map(TIME::format)
            .orElse("—"))).append("</dd></dl>");
    run.error().ifPresent(e -> sb.append("<p class=\"run-error\" id=\"run-error\">").append(esc(e)).append("</p>"));
    sb.append("<h2>Steps</h2><ol class=\"steps\" id=\"steps\">");
    for (RunView.Step s : view.steps()) {
      sb.append(step(s));
    }
    sb.append("</ol><p class=\"muted hint\">Click a step to see its input, output and timing.</p></section>");
    x.html(200, Pages.page(x.base(), "Run " + shortId(run.id()), sb.toString(), "run.js"));
  }

  private static String step(RunView.Step s) {
    StringBuilder sb = new StringBuilder();
    List<StepAttempt> attempts = s.attempts();
    String duration = attempts.isEmpty() ? "" : attempts.get(attempts.size() - 1).duration().toMillis() + " ms";
    sb.append("<li class=\"step step-").append(esc(s.status())).append("\" data-node=\"").append(esc(s.nodeId()))
        .append("\" data-status=\"").append(esc(s.status())).append("\"><details><summary><span class=\"dot\"></span>")
        .append("<span class=\"step-name\">").append(esc(s.label())).append("</span><span class=\"step-type\">")
        .append(esc(s.type())).append("</span><span class=\"step-status\">").append(esc(s.status())).append("</span>")
        .append("<span class=\"step-duration\">").append(esc(duration)).append("</span></summary>")
        .append("<div class=\"step-detail\">");
    if (attempts.isEmpty()) {
      sb.append("<p class=\"muted\">This step has not run").append("skipped".equals(s.status())
          ? " (its branch was not taken or the run ended first)." : " yet.").append("</p>");
    }
    for (StepAttempt a : attempts) {
      sb.append("<div class=\"attempt\"><h4>Attempt ").append(a.attempt()).append(" · ")
          .append(esc(a.status().name().toLowerCase(Locale.ROOT))).append(a.dryRun() ? " · dry run" : "")
          .append("</h4><dl class=\"facts\"><dt>Start</dt><dd>").append(esc(time(a.startedAt()))).append("</dd>")
          .append("<dt>End</dt><dd>").append(esc(time(a.finishedAt()))).append("</dd><dt>Duration</dt><dd>")
          .append(a.duration().toMillis()).append(" ms</dd></dl>");
      a.error().ifPresent(e -> sb.append("<p class=\"step-error\">").append(esc(e.type())).append(": ")
          .append(esc(e.message())).append("</p>"));
      sb.append("<div class=\"io\"><div><h5>Input</h5><pre class=\"input\">").append(esc(pretty(a.input())))
          .append("</pre></div><div><h5>Output</h5><pre class=\"output\">").append(esc(pretty(a.output())))
          .append("</pre></div></div></div>");
    }
    return sb.append("</div></details></li>").toString();
  }

  private static String time(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }

  private static String pretty(Object value) {
    try {
      return PRETTY.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  private void runJson(Exchange x) throws IOException {
    Caller caller = callers.apply(x.request());
    x.json(200, RunView.of(engine, caller.activeOrganizationId(), x.param("id")).json());
  }

  private void runEvents(Exchange x) throws IOException {
    Caller caller = callers.apply(x.request());
    String org = caller.activeOrganizationId();
    engine.trace(org, x.param("id")); // 404 before the stream starts when it is not the caller's run
    streams.open(org, x.param("id"), SseSink.of(x.eventStream()));
  }

  private void listJson(Exchange x) throws IOException {
    Caller caller = callers.apply(x.request());
    String org = caller.activeOrganizationId();
    Page<WorkflowListing> page = engine.workflows().list(org, query(x));
    WorkflowsSummary s = engine.workflows().summary(org);
    List<Map<String, Object>> items = new ArrayList<>();
    for (WorkflowListing w : page.items()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", w.metadata().id());
      m.put("name", w.metadata().name());
      m.put("stage", w.metadata().stage().wireName());
      m.put("status", w.metadata().status().wireName());
      m.put("trigger", w.triggerType().orElse(null));
      m.put("minutesSavedPerWeek", w.minutesSavedPerWeek());
      m.put("version", w.metadata().version());
      items.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("summary", Map.of("activeWorkflows", s.activeWorkflows(), "distinctCreators", s.distinctCreators(),
        "minutesSavedPerWeek", s.minutesSavedPerWeek()));
    out.put("items", items);
    out.put("page", page.page() + 1);
    out.put("total", page.total());
    x.json(200, out);
  }

  private void asset(Exchange x) throws IOException {
    callers.apply(x.request());
    String name = x.param("name");
    byte[] bytes = assets.get(name);
    if (bytes == null) {
      throw new dev.partnerflow.core.engine.NotFoundException("asset", "-", name);
    }
    x.send(200, ASSETS.get(name), bytes);
  }
}
