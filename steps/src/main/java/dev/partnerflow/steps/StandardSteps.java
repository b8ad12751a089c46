package dev.partnerflow.steps;

import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeProvider;
import dev.partnerflow.core.validation.WorkflowCheck;
import dev.partnerflow.steps.http.OutboundHttp;
import dev.partnerflow.steps.http.OutboundPolicy;
import dev.partnerflow.steps.internal.AssignTrainingStep;
import dev.partnerflow.steps.internal.CollaboratorCheck;
import dev.partnerflow.steps.internal.PublishedTrainingCheck;
import dev.partnerflow.steps.internal.Recipients;
import dev.partnerflow.steps.internal.SendEmailStep;
import dev.partnerflow.steps.internal.SendSlackStep;
import dev.partnerflow.steps.internal.Unconfigured;
import dev.partnerflow.steps.internal.UpdateRecordStep;
import dev.partnerflow.steps.internal.WebhookStep;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The standard action steps: {@code send_email}, {@code send_slack}, {@code webhook}, {@code update_record} and
 * {@code assign_training}, built with the host's collaborators.
 *
 * <pre>{@code
 * StandardSteps steps = StandardSteps.builder()
 *     .emailSender(SmtpEmailSender.builder().host("smtp.example.com").from("partners@vendor.example").build())
 *     .recordUpdater(myRecordUpdater)
 *     .trainingAssigner(myTrainingAssigner)
 *     .publishedTrainings(myPublishedTrainings)
 *     .outboundPolicy(OutboundPolicy.builder().allow("crm.internal.example:443").build())
 *     .distributionList("partner-team", List.of("partner-team@vendor.example"))
 *     .build();
 * WorkflowEngine engine = WorkflowEngine.builder()
 *     .nodeTypes(steps)          // the five step types and their activation checks
 *     .build()
 *     .start();
 * }</pre>
 *
 * <p>Found by ServiceLoader too (no-argument constructor), with no collaborators: activation reports every
 * {@code send_email}, {@code update_record} and {@code assign_training} node as {@code MISSING_COLLABORATOR}, and
 * a real run of one fails permanently naming the builder method that fixes it (nothing is logged-and-succeeded);
 * test runs still show what would have been sent; outbound HTTP uses {@link OutboundPolicy#DEFAULT}. A host that
 * configures its own instance adds it by hand; types added by hand win over discovered ones of the same name.
 *
 * <p>{@link #close()} closes the outbound HTTP client when this instance created it (not one given with
 * {@link Builder#outboundHttp}); the host's collaborators (sender, updater, assigner) stay the host's to close.
 *
 * <p>Notifications "to the partner manager" or "to the team" are {@code send_email} with
 * {@code role:partner_manager} or {@code list:<name>}, or {@code send_slack}: no separate step type.
 *
 * <p>Stability: public API.
 *
 * @since 0.1
 */
public final class StandardSteps implements NodeTypeProvider, AutoCloseable {
  public static final String SEND_EMAIL = "send_email";
  public static final String SEND_SLACK = "send_slack";
  public static final String WEBHOOK = "webhook";
  public static final String UPDATE_RECORD = "update_record";
  public static final String ASSIGN_TRAINING = "assign_training";
  /** Where Slack incoming webhooks live; webhook URLs elsewhere are refused unless a base URL is configured. */
  public static final URI DEFAULT_SLACK_WEBHOOK_BASE = URI.create("https://hooks.slack.com/");
  /** The Slack Web API. */
  public static final URI DEFAULT_SLACK_API_BASE = URI.create("https://slack.com/api/");

  private final List<NodeType<?>> types;
  private final List<WorkflowCheck> checks;
  private final OutboundHttp http;
  private final boolean ownsHttp;

  /**
   * For ServiceLoader: no email sender, record updater or training assigner (their nodes fail activation with
   * {@code MISSING_COLLABORATOR}), the default outbound policy.
   */
  public StandardSteps() {
    this(new Builder());
  }

  private StandardSteps(Builder b) {
    this.ownsHttp = b.outboundHttp == null;
    this.http = b.outboundHttp != null ? b.outboundHttp : OutboundHttp.builder().policy(b.policy).build();
    URI webhookBase = b.slackBaseUrl != null ? b.slackBaseUrl : DEFAULT_SLACK_WEBHOOK_BASE;
    URI apiBase = b.slackBaseUrl != null ? b.slackBaseUrl.resolve("api/") : DEFAULT_SLACK_API_BASE;
    SendEmailStep email = new SendEmailStep(b.emailSender, new Recipients(b.lists));
    UpdateRecordStep updateRecord = new UpdateRecordStep(b.recordUpdater);
    AssignTrainingStep assignTraining = new AssignTrainingStep(b.trainingAssigner);
    this.types = List.of(email, new SendSlackStep(http, webhookBase, apiBase), new WebhookStep(http), updateRecord,
        assignTraining);
    List<WorkflowCheck> all = new ArrayList<>();
    Map<NodeType<?>, CollaboratorCheck.Missing> missing = new IdentityHashMap<>();
    if (b.emailSender == Unconfigured.EMAIL_SENDER) {
      missing.put(email, new CollaboratorCheck.Missing("EmailSender",
          "no EmailSender is configured, so this step cannot send anything; " + Unconfigured.EMAIL_SENDER_FIX));
    }
    if (b.recordUpdater == Unconfigured.RECORD_UPDATER) {
      missing.put(updateRecord, new CollaboratorCheck.Missing("RecordUpdater",
          "no RecordUpdater is configured, so this step cannot change any record; "
              + Unconfigured.RECORD_UPDATER_FIX));
    }
    if (b.trainingAssigner == Unconfigured.TRAINING_ASSIGNER) {
      missing.put(assignTraining, new CollaboratorCheck.Missing("TrainingAssigner",
          "no TrainingAssigner is configured, so this step cannot assign any training; "
              + Unconfigured.TRAINING_ASSIGNER_FIX));
    }
    if (!missing.isEmpty()) {
      all.add(new CollaboratorCheck(missing));
    }
    if (b.publishedTrainings != null) {
      all.add(new PublishedTrainingCheck(b.publishedTrainings));
    }
    this.checks = List.copyOf(all);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Collection<NodeType<?>> nodeTypes() {
    return types;
  }

  /**
   * Activation checks of these steps, added to the engine's validator by {@code WorkflowEngine.Builder.nodeTypes}:
   * templates that do not parse ({@code INVALID_TEMPLATE}, for every action node); {@code send_email},
   * {@code update_record} and {@code assign_training} nodes whose collaborator was not configured
   * ({@code MISSING_COLLABORATOR}, naming the builder method); and, when {@link Builder#publishedTrainings} is set,
   * unpublished trainings of {@code assign_training} nodes ({@code INVALID_REFERENCE}).
   */
  @Override
  public List<WorkflowCheck> checks() {
    return checks;
  }

  /** The outbound HTTP client of the Slack and webhook steps. */
  public OutboundHttp outboundHttp() {
    return http;
  }

  /** Closes the outbound HTTP client when this instance created it. */
  @Override
  public void close() {
    if (ownsHttp) {
      http.close();
    }
  }

  /** Collaborators of the standard steps; each setter checks its value. */
  public static final class Builder {
    private EmailSender emailSender = Unconfigured.EMAIL_SENDER;
    private RecordUpdater recordUpdater = Unconfigured.RECORD_UPDATER;
    private TrainingAssigner trainingAssigner = Unconfigured.TRAINING_ASSIGNER;
    private PublishedTrainings publishedTrainings;
    private OutboundPolicy policy = OutboundPolicy.DEFAULT;
    private OutboundHttp outboundHttp;
    private URI slackBaseUrl;
    private final Map<String, List<String>> lists = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Where {@code send_email} hands its messages, e.g. {@link SmtpEmailSender}. Default: none; activation then
     * reports {@code send_email} nodes ({@code MISSING_COLLABORATOR}) and a real run of one fails permanently.
     */
    public Builder emailSender(EmailSender value) {
      this.emailSender = Objects.requireNonNull(value, "emailSender must not be null");
      return this;
    }

    /**
     * Default: none; activation then reports {@code update_record} nodes ({@code MISSING_COLLABORATOR}) and a real
     * run of one fails permanently saying so.
     */
    public Builder recordUpdater(RecordUpdater value) {
      this.recordUpdater = Objects.requireNonNull(value, "recordUpdater must not be null");
      return this;
    }

    /**
     * Default: none; activation then reports {@code assign_training} nodes ({@code MISSING_COLLABORATOR}) and a
     * real run of one fails permanently saying so.
     */
    public Builder trainingAssigner(TrainingAssigner value) {
      this.trainingAssigner = Objects.requireNonNull(value, "trainingAssigner must not be null");
      return this;
    }

    /** Enables the activation check of {@code assign_training} training ids. Default: no check. */
    public Builder publishedTrainings(PublishedTrainings value) {
      this.publishedTrainings = Objects.requireNonNull(value, "publishedTrainings must not be null");
      return this;
    }

    /** Default {@link OutboundPolicy#DEFAULT}. Ignored when {@link #outboundHttp} is given. */
    public Builder outboundPolicy(OutboundPolicy value) {
      this.policy = Objects.requireNonNull(value, "outboundPolicy must not be null");
      return this;
    }

    /** A fully configured client (timeouts, resolver, policy); the host closes it. */
    public Builder outboundHttp(OutboundHttp value) {
      this.outboundHttp = Objects.requireNonNull(value, "outboundHttp must not be null");
      return this;
    }

    /**
     * Another Slack base URL (a proxy, a test server): incoming-webhook URLs must start with it, and the Web API
     * is called at {@code <base>api/chat.postMessage}. Default {@link #DEFAULT_SLACK_WEBHOOK_BASE} and
     * {@link #DEFAULT_SLACK_API_BASE}. The target must still pass the outbound policy.
     *
     * @throws IllegalArgumentException when not an absolute http(s) URL
     */
    public Builder slackBaseUrl(String value) {
      URI uri = URI.create(Objects.requireNonNull(value, "slackBaseUrl must not be null"));
      if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("slackBaseUrl must be an absolute http(s) URL, but was '" + value + "'");
      }
      this.slackBaseUrl = value.endsWith("/") ? uri : URI.create(value + "/");
      return this;
    }

    /**
     * A distribution list usable as {@code list:<name>} in recipients.
     *
     * @throws IllegalArgumentException when the name is blank or the list is empty
     */
    public Builder distributionList(String name, List<String> addresses) {
      if (name == null || !name.matches("[A-Za-z0-9_.-]{1,100}")) {
        throw new IllegalArgumentException("distribution list name must be 1 to 100 letters, digits, '_', '.' or "
            + "'-', but was '" + name + "'");
      }
      if (addresses == null || addresses.isEmpty()) {
        throw new IllegalArgumentException("distribution list '" + name + "' must have addresses, but was "
            + addresses);
      }
      lists.put(name, List.copyOf(addresses));
      return this;
    }

    /** Adds several distribution lists. */
    public Builder distributionLists(Map<String, List<String>> value) {
      Objects.requireNonNull(value, "distributionLists must not be null").forEach(this::distributionList);
      return this;
    }

    public StandardSteps build() {
      return new StandardSteps(this);
    }
  }
}
