package dev.partnerflow.generator.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.partnerflow.core.json.WorkflowJson;
import dev.partnerflow.core.json.WorkflowJsonException;
import dev.partnerflow.core.json.WorkflowJsonReport;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowMetadata;
import dev.partnerflow.core.model.WorkflowStatus;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import dev.partnerflow.core.validation.Problem;
import dev.partnerflow.core.validation.WorkflowValidator;
import dev.partnerflow.generator.Generation;
import dev.partnerflow.generator.GenerationRequest;
import dev.partnerflow.generator.WorkflowGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generator backed by a language model through LangChain4j. The prompt is built from the registry (node types,
 * config fields, the JSON format, two worked examples); the answer is read with the strict {@link WorkflowJson}
 * reader and validated; on problems the model is asked again with every problem listed, one structured line each
 * (the reader's line, column and problem; the validator's code, node or edge, field, rule, bad value and
 * sentence), at most {@link Builder#maxRepairs} times. When the model fails (no answer, a timeout, still invalid
 * after the repairs) the fallback generator's result is returned, with a warning saying why.
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder().baseUrl("http://127.0.0.1:8000/v1").apiKey("none")
 *     .modelName("llama3.1").timeout(Duration.ofSeconds(60)).build();
 * WorkflowGenerator generator = ModelWorkflowGenerator.builder(model, engine.registry())
 *     .validator(engine.validator())
 *     .build();
 * }</pre>
 *
 * <p>The draft is always a Draft owned by the request's organization and creator, whatever the model wrote.
 *
 * @since 0.1
 */
public final class ModelWorkflowGenerator implements WorkflowGenerator {
  /** Re-asks after the first answer when it has problems: {@value}. */
  public static final int DEFAULT_MAX_REPAIRS = 2;
  private static final Logger log = LoggerFactory.getLogger(ModelWorkflowGenerator.class);

  private final ChatModel model;
  private final NodeTypeRegistry registry;
  private final WorkflowValidator validator;
  private final WorkflowJson json;
  private final WorkflowGenerator fallback;
  private final int maxRepairs;
  private final String systemPrompt;

  private ModelWorkflowGenerator(Builder b) {
    this.model = b.model;
    this.registry = b.registry;
    this.validator = b.validator != null ? b.validator : WorkflowValidator.of(registry);
    this.json = WorkflowJson.of(registry);
    this.fallback = b.fallback != null ? b.fallback
        : WorkflowGenerator.ruleBased(registry).validator(validator).build();
    this.maxRepairs = b.maxRepairs;
    this.systemPrompt = Prompts.system(registry, json);
  }

  public static Builder builder(ChatModel model, NodeTypeRegistry registry) {
    return new Builder(model, registry);
  }

  /** The system prompt sent with every request, built from the registry. */
  public String systemPrompt() {
    return systemPrompt;
  }

  @Override
  public Generation generate(GenerationRequest request) {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from(systemPrompt));
    messages.add(UserMessage.from(Prompts.request(request)));
    String lastFailure = null;
    for (int attempt = 0; attempt <= maxRepairs; attempt++) {
      String answer;
      try {
        AiMessage reply = model.chat(messages).aiMessage();
        answer = reply == null || reply.text() == null ? "" : reply.text();
        messages.add(AiMessage.from(answer.isEmpty() ? "(empty answer)" : answer));
      } catch (RuntimeException e) {
        log.warn("The model failed on attempt {} of {}; using the rule-based draft: {}", attempt + 1,
            maxRepairs + 1, e.toString());
        return fallBack(request, "the model did not answer (" + rootMessage(e) + ")");
      }
      List<String> problems = new ArrayList<>(); // one structured line each, for the model
      List<String> sentences = new ArrayList<>(); // the same as sentences, for the warning and the log
      Optional<Workflow> draft = read(answer, request, problems, sentences);
      if (draft.isPresent()) {
        List<Problem> found = validator.validate(draft.get());
        if (found.isEmpty()) {
          List<String> explanation = new ArrayList<>();
          for (Node n : draft.get().graph().nodes()) {
            explanation.add(n.id() + ": " + registry.find(n.type()).map(t -> t.documentation().displayName())
                .orElse(n.type()) + (n.config().isEmpty() ? "" : " " + n.config()));
          }
          List<String> warnings = attempt == 0 ? List.of()
              : List.of("the model's first answer had problems; it was repaired in " + attempt + " more request(s)");
          return new Generation(draft, explanation, warnings, List.of(), Generation.MODEL);
        }
        for (Problem p : found) {
          problems.add(Prompts.validationProblem(p));
          sentences.add(p.code() + ": " + p.message());
        }
      }
      lastFailure = String.join("; ", sentences);
      log.debug("Model answer {} had problems: {}", attempt + 1, lastFailure);
      messages.add(UserMessage.from(Prompts.repair(problems)));
    }
    return fallBack(request, "the model's answer still had problems after " + maxRepairs + " repair(s): "
        + lastFailure);
  }

  private Generation fallBack(GenerationRequest request, String why) {
    Generation g = fallback.generate(request);
    List<String> warnings = new ArrayList<>();
    warnings.add(why + "; this is the rule-based draft instead");
    warnings.addAll(g.warnings());
    return g.withWarnings(warnings);
  }

  /**
   * Reads the answer strictly, reporting every reading problem of the document (not only the first); on failure
   * adds them, one structured line each, and returns empty.
   */
  private Optional<Workflow> read(String answer, GenerationRequest request, List<String> problems,
      List<String> sentences) {
    String document = Prompts.extractJson(answer);
    if (document == null) {
      String problem = "the answer holds no JSON object; answer with the workflow JSON document only";
      problems.add(problem);
      sentences.add(problem);
      return Optional.empty();
    }
    try {
      WorkflowJsonReport report = json.check(document);
      if (!report.isValid()) {
        List<WorkflowJsonException> found = report.problems();
        problems.add("the JSON document could not be read; " + found.size() + " problem(s) of reading it:");
        for (int i = 0; i < found.size(); i++) {
          WorkflowJsonException e = found.get(i);
          problems.add(Prompts.readingProblem(e, report.stoppedEarly() && i == found.size() - 1));
          sentences.add("the JSON document could not be read: " + e.getMessage());
        }
        return Optional.empty();
      }
      Workflow w = report.workflow().orElseThrow();
      WorkflowMetadata m = w.metadata();
      WorkflowMetadata owned = new WorkflowMetadata(m.id(), request.organizationId(), m.name(),
          Optional.of(request.description()), request.stage().orElse(m.stage()), WorkflowStatus.DRAFT,
          request.createdBy(), Optional.empty(), Optional.empty(), 1);
      return Optional.of(w.withMetadata(owned));
    } catch (RuntimeException e) {
      String problem = "the JSON document could not be read: " + e.getMessage();
      problems.add(problem);
      sentences.add(problem);
    }
    return Optional.empty();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  /** Options; each setter checks its value. */
  public static final class Builder {
    private final ChatModel model;
    private final NodeTypeRegistry registry;
    private WorkflowValidator validator;
    private WorkflowGenerator fallback;
    private int maxRepairs = DEFAULT_MAX_REPAIRS;

    private Builder(ChatModel model, NodeTypeRegistry registry) {
      this.model = Objects.requireNonNull(model, "model must not be null");
      this.registry = Objects.requireNonNull(registry, "registry must not be null");
    }

    /** Default {@code WorkflowValidator.of(registry)}; pass {@code engine.validator()}. */
    public Builder validator(WorkflowValidator value) {
      Objects.requireNonNull(value, "validator must not be null");
      if (value.registry() != registry) {
        throw new IllegalArgumentException("validator must use the generator's registry, but uses another one");
      }
      this.validator = value;
      return this;
    }

    /** Default: the rule-based generator over the same registry and validator. */
    public Builder fallback(WorkflowGenerator value) {
      this.fallback = Objects.requireNonNull(value, "fallback must not be null");
      return this;
    }

    /** Re-asks after a bad answer, 0 to 10; default {@value #DEFAULT_MAX_REPAIRS}. */
    public Builder maxRepairs(int value) {
      if (value < 0 || value > 10) {
        throw new IllegalArgumentException("maxRepairs must be between 0 and 10, but was " + value);
      }
      this.maxRepairs = value;
      return this;
    }

    public ModelWorkflowGenerator build() {
      return new ModelWorkflowGenerator(this);
    }
  }
}
