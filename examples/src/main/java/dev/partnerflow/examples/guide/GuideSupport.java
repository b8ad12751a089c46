package dev.partnerflow.examples.guide;

import com.sun.net.httpserver.HttpServer;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunTrace;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.testing.TestWorkflowEngine;
import dev.partnerflow.examples.PrintingEmailSender;
import dev.partnerflow.steps.EmailMessage;
import dev.partnerflow.steps.EmailSender;
import dev.partnerflow.steps.StandardSteps;
import dev.partnerflow.steps.http.OutboundPolicy;
import dev.partnerflow.triggers.PartnerTriggerTypes;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the guide examples share: an in-memory engine on a settable clock, a printing and recording email sender, and a
 * local HTTP server on 127.0.0.1 standing in for Slack and the CRM, so nothing outside the JVM is needed.
 */
public final class GuideSupport implements AutoCloseable {
  public static final String ORG = "acme";
  public static final Partner PARTNER = Partner.builder("p-100", "Northwind Analytics").stage("Onboarding")
      .tier("Silver")
      .primaryContact(Person.of("Dana Whitaker", "dana@northwind.example"))
      .partnerManager(Person.of("Priya Raman", "priya@vendor.example"))
      .build();

  /** Sent emails, in order; each is also printed by a {@link PrintingEmailSender}. */
  public final List<EmailMessage> sent = new CopyOnWriteArrayList<>();
  /** Requests received by the local Slack/CRM server: "METHOD path body". */
  public final List<String> httpRequests = new CopyOnWriteArrayList<>();
  private final HttpServer local;
  public final StandardSteps steps;
  public final TestWorkflowEngine test;

  public GuideSupport() {
    try {
      local = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    local.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      httpRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
      byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    local.start();
    EmailSender printer = new PrintingEmailSender();
    steps = StandardSteps.builder()
        .emailSender(message -> {
          printer.send(message);
          sent.add(message);
        })
        .distributionList("partner-team", List.of("partner-team@vendor.example"))
        .outboundPolicy(OutboundPolicy.builder().allow("127.0.0.1:" + port()).build())
        .slackBaseUrl(baseUrl())
        .build();
    // nodeTypes(steps) brings the steps' activation checks along (templates parse, collaborators configured)
    test = TestWorkflowEngine.create(b -> b.discoverNodeTypes(false).nodeTypes(new PartnerTriggerTypes())
        .nodeTypes(steps));
  }

  public int port() {
    return local.getAddress().getPort();
  }

  /** The local stand-in for Slack (webhooks live under {@code /services/...}) and the CRM. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/";
  }

  /** Saves and activates a workflow. */
  public Workflow activate(Workflow workflow) {
    Workflow created = test.engine().workflows().create(ORG, workflow);
    return test.engine().workflows().activate(ORG, created.id());
  }

  /** Publishes an event and returns the trace of the one run it started. */
  public RunTrace publish(Event event) {
    List<Run> runs = test.engine().publish(event);
    if (runs.size() != 1) {
      throw new IllegalStateException("expected one run, but the event started " + runs.size());
    }
    return trace(runs.get(0).id());
  }

  public RunTrace trace(String runId) {
    return test.engine().trace(ORG, runId);
  }

  @Override
  public void close() {
    test.close();
    steps.close();
    local.stop(0);
  }
}
