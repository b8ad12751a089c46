package dev.partnerflow.web.internal;

import static dev.partnerflow.web.internal.Html.esc;
import static dev.partnerflow.web.internal.Html.url;

import dev.partnerflow.core.engine.NotFoundException;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.pickers.Caller;
import dev.partnerflow.web.DraftGenerator;
import dev.partnerflow.web.DraftProposal;
import dev.partnerflow.web.internal.Exchange.BadRequest;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Generate with AI": the box on the workflow list posts a description; the answer shows the proposed graph, the
 * explanation, warnings and problems, and a "Save as Draft" form. The proposal waits on the server (at most
 * {@value #MAX_PENDING}, for {@link #KEEP}), keyed by a random id and bound to the caller, so the browser never
 * sends a workflow back: saving stores exactly what was shown, once.
 */
final class GenerateFlow {
  static final int MAX_PENDING = 256;
  static final Duration KEEP = Duration.ofHours(1);

  private record Pending(String organizationId, String userId, Instant at, Workflow workflow) {}

  private final WorkflowEngine engine;
  private final DraftGenerator generator;
  private final Csrf csrf;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Pending> pending = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
      return size() > MAX_PENDING;
    }
  };

  GenerateFlow(WorkflowEngine engine, DraftGenerator generator, Csrf csrf) {
    this.engine = engine;
    this.generator = generator;
    this.csrf = csrf;
  }

  /** The box: a description and a submit button, posting to {@code /generate}. */
  String box(String base, Caller caller, String description) {
    return "<section class=\"generate\" id=\"generate\"><form method=\"post\" action=\"" + esc(base) + "/generate\">"
        + Dashboard.hidden(Csrf.FIELD, csrf.token(caller)) + "<label for=\"generate-description\"><strong>Generate"
        + " with AI</strong> <span class=\"muted\">Describe what to automate; you review the draft before it is"
        + " saved.</span></label><div class=\"generate-row\"><textarea id=\"generate-description\" name=\"description\""
        + " rows=\"2\" maxlength=\"" + DraftGenerator.MAX_DESCRIPTION_LENGTH + "\" required placeholder=\"Send a"
        + " welcome email to the partner manager when a new partner is created\">" + esc(description)
        + "</textarea><button type=\"submit\" class=\"primary\" id=\"generate-button\">Generate</button></div></form>"
        + "</section>";
  }

  /** POST /generate: asks the generator and shows the proposal. */
  void propose(Exchange x, Caller caller) throws IOException {
    String description = x.form("description").orElse("").strip();
    if (description.isEmpty()) {
      throw new BadRequest("description is required: say what the workflow should do");
    }
    if (description.length() > DraftGenerator.MAX_DESCRIPTION_LENGTH) {
      throw new BadRequest("description must be at most " + DraftGenerator.MAX_DESCRIPTION_LENGTH
          + " characters, but was " + description.length());
    }
    String org = caller.activeOrganizationId();
    DraftProposal proposal = generator.propose(description, caller);
    if (proposal == null) {
      throw new IllegalStateException("the DraftGenerator returned null for a description");
    }
    proposal.workflow().filter(w -> !w.organizationId().equals(org)).ifPresent(w -> {
      throw new IllegalStateException("the DraftGenerator proposed a workflow of organization '"
          + w.organizationId() + "' to a caller of '" + org + "'");
    });
    String b = esc(x.base());
    StringBuilder sb = new StringBuilder();
    sb.append("<p><a href=\"").append(b).append("/\">← All workflows</a></p><h1>Generate with AI</h1>")
        .append(box(x.base(), caller, description))
        .append("<section class=\"proposal\" id=\"proposal\">");
    if (proposal.workflow().isEmpty()) {
      sb.append("<h2 id=\"not-understood\">No draft: the description was not understood</h2>")
          .append(list("warnings", "warnings", proposal.warnings()));
    } else {
      Workflow draft = proposal.workflow().get();
      String key = remember(new Pending(org, caller.userId(), engine.clock().instant(), draft));
      sb.append("<div class=\"title-row\"><h2>Proposed: <span id=\"proposal-name\">").append(esc(draft.name()))
          .append("</span></h2><span class=\"badge status status-draft\">Draft</span></div>")
          .append("<div class=\"graph-box\">").append(GraphSvg.render(draft.graph())).append("</div>")
          .append("<h3>What was understood</h3>").append(list("explanation", "explanation", proposal.explanation()));
      if (!proposal.warnings().isEmpty()) {
        sb.append("<h3>Warnings</h3>").append(list("warnings", "warnings", proposal.warnings()));
      }
      if (!proposal.problems().isEmpty()) {
        sb.append("<section id=\"proposal-problems\">")
            .append(Dashboard.problems(proposal.problems(), "Fix before activating")).append("</section>");
      }
      sb.append("<form method=\"post\" class=\"toolbar\" action=\"").append(b).append("/generate/")
          .append(esc(url(key))).append("/save\">").append(Dashboard.hidden(Csrf.FIELD, csrf.token(caller)))
          .append("<button type=\"submit\" class=\"primary\" id=\"save-draft\">Save as Draft</button>")
          .append("<span class=\"muted\">Saved as a Draft: it runs only once you activate it.</span></form>");
    }
    sb.append("</section>");
    x.html(200, Pages.page(x.base(), "Generate with AI", sb.toString()));
  }

  /** POST /generate/{key}/save: stores the proposal shown as a Draft and opens it. */
  void save(Exchange x, Caller caller) throws IOException {
    String org = caller.activeOrganizationId();
    String key = x.param("key");
    Pending p;
    synchronized (pending) {
      p = pending.get(key);
      if (p == null || !p.organizationId().equals(org) || !p.userId().equals(caller.userId())
          || p.at().plus(KEEP).isBefore(engine.clock().instant())) {
        throw new NotFoundException("proposal", org, key);
      }
      pending.remove(key);
    }
    Workflow saved = engine.workflows().create(org, p.workflow());
    x.redirect("/workflows/" + url(saved.id()));
  }

  private String remember(Pending p) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    synchronized (pending) {
      pending.put(key, p);
    }
    return key;
  }

  private static String list(String id, String className, List<String> lines) {
    StringBuilder sb = new StringBuilder("<ol class=\"").append(className).append("\" id=\"").append(id).append("\">");
    for (String line : lines) {
      sb.append("<li>").append(esc(line)).append("</li>");
    }
    return sb.append("</ol>").toString();
  }
}
