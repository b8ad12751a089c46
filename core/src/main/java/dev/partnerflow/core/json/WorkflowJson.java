package dev.partnerflow.core.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import dev.partnerflow.core.internal.Json;
import dev.partnerflow.core.internal.Suggestions;
import dev.partnerflow.core.model.Edge;
import dev.partnerflow.core.model.LifecycleStage;
import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.NodeSettings;
import dev.partnerflow.core.model.Position;
import dev.partnerflow.core.model.RetryPolicy;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowGraph;
import dev.partnerflow.core.model.WorkflowMetadata;
import dev.partnerflow.core.model.WorkflowStatus;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.nodes.NodeTypeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and writes the workflow JSON document (format {@value #FORMAT}), the interchange format of the editor, the
 * command line and the generator. Described with a full example in {@code docs/workflow-json.md}.
 *
 * <pre>{@code
 * WorkflowJson json = WorkflowJson.builder(registry).limits(JsonLimits.DEFAULTS).build();
 * Workflow workflow = json.read(inputStream);   // WorkflowJsonException with line and column on bad input
 * String text = json.write(workflow);
 * }</pre>
 *
 * <p>Reading streams the document and checks every limit as it goes; it never uses polymorphic typing and never
 * loads a class by a name found in the document. Node types are looked up by name in the registry. Thread-safe.
 */
public final class WorkflowJson {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "partnerflow.workflow/v1";

  private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  private final NodeTypeRegistry registry;
  private final JsonLimits limits;
  private final JsonFactory factory;

  private WorkflowJson(NodeTypeRegistry registry, JsonLimits limits) {
    this.registry = registry;
    this.limits = limits;
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth())
            .maxDocumentLength(limits.maxDocumentBytes())
            .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxDocumentBytes()))
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
    this.factory.setCodec(Json.MAPPER);
  }

  public static WorkflowJson of(NodeTypeRegistry registry) {
    return builder(registry).build();
  }

  public static Builder builder(NodeTypeRegistry registry) {
    return new Builder(registry);
  }

  public JsonLimits limits() {
    return limits;
  }

  /**
   * @throws WorkflowJsonException with line, column and what was expected
   */
  public Workflow read(String document) {
    Objects.requireNonNull(document, "document must not be null");
    if (document.length() > limits.maxDocumentBytes()) {
      throw new WorkflowJsonException(1, 1, "document is larger than the limit of " + limits.maxDocumentBytes()
          + " bytes (" + document.length() + " characters)", null);
    }
    return read(document.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws WorkflowJsonException with line, column and what was expected
   */
  public Workflow read(byte[] document) {
    Objects.requireNonNull(document, "document must not be null");
    if (document.length > limits.maxDocumentBytes()) {
      throw new WorkflowJsonException(1, 1, "document is larger than the limit of " + limits.maxDocumentBytes()
          + " bytes (" + document.length + " bytes)", null);
    }
    try {
      return parse(factory.createParser(document));
    } catch (IOException e) {
      throw translate(e, null);
    }
  }

  private Workflow parse(JsonParser parser) {
    try (parser) {
      return new Reader(new FiniteNumbers(parser, null), null).document();
    } catch (IOException e) {
      throw translate(e, parser);
    }
  }

  /**
   * Reads from a stream, stopping as soon as the size limit is passed. Does not close the stream.
   *
   * @throws WorkflowJsonException with line, column and what was expected
   */
  public Workflow read(InputStream document) {
    Objects.requireNonNull(document, "document must not be null");
    try {
      return parse(factory.createParser(new LimitedInputStream(document, limits.maxDocumentBytes())));
    } catch (IOException e) {
      throw translate(e, null);
    }
  }

  /**
   * Reads the document like {@link #read(String)} but reports every problem instead of the first: after a problem
   * of one value (a wrong type, an unknown field or node type, a non-finite number, a missing required member) it
   * records the problem, skips that value and goes on. It stops only where reading cannot go on: malformed JSON, a
   * truncated document, a size, depth, node or edge limit; that problem is then the last one reported.
   *
   * <pre>{@code
   * WorkflowJsonReport report = json.check(text);
   * report.problems().forEach(p -> System.out.println(p.line() + ":" + p.column() + " " + p.problem()));
   * }</pre>
   *
   * @return the workflow when there was no problem, otherwise every problem in document order
   */
  public WorkflowJsonReport check(String document) {
    Objects.requireNonNull(document, "document must not be null");
    if (document.length() > limits.maxDocumentBytes()) {
      return WorkflowJsonReport.stopped(List.of(), new WorkflowJsonException(1, 1, "document is larger than the limit"
          + " of " + limits.maxDocumentBytes() + " bytes (" + document.length() + " characters)", null));
    }
    return check(document.getBytes(StandardCharsets.UTF_8));
  }

  /** Like {@link #check(String)}. */
  public WorkflowJsonReport check(byte[] document) {
    Objects.requireNonNull(document, "document must not be null");
    if (document.length > limits.maxDocumentBytes()) {
      return WorkflowJsonReport.stopped(List.of(), new WorkflowJsonException(1, 1, "document is larger than the limit"
          + " of " + limits.maxDocumentBytes() + " bytes (" + document.length + " bytes)", null));
    }
    List<WorkflowJsonException> found = new ArrayList<>();
    try {
      return collect(factory.createParser(document), found);
    } catch (IOException e) {
      return WorkflowJsonReport.stopped(found, translate(e, null));
    }
  }

  /** Like {@link #check(String)}, stopping as soon as the size limit is passed. Does not close the stream. */
  public WorkflowJsonReport check(InputStream document) {
    Objects.requireNonNull(document, "document must not be null");
    List<WorkflowJsonException> found = new ArrayList<>();
    try {
      return collect(factory.createParser(new LimitedInputStream(document, limits.maxDocumentBytes())), found);
    } catch (IOException e) {
      return WorkflowJsonReport.stopped(found, translate(e, null));
    }
  }

  private WorkflowJsonReport collect(JsonParser parser, List<WorkflowJsonException> found) {
    try (parser) {
      Workflow workflow = new Reader(new FiniteNumbers(parser, found), found).document();
      return found.isEmpty() ? WorkflowJsonReport.of(workflow) : WorkflowJsonReport.finished(found);
    } catch (IOException e) {
      return WorkflowJsonReport.stopped(found, translate(e, parser));
    }
  }

  private WorkflowJsonException translate(IOException e, JsonParser parser) {
    if (e instanceof WorkflowJsonIOException w) {
      return w.toException();
    }
    JsonLocation loc = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
        ? jpe.getLocation()
        : parser != null ? parser.currentLocation() : null;
    int line = loc == null ? -1 : loc.getLineNr();
    int column = loc == null ? -1 : loc.getColumnNr();
    String message;
    if (e instanceof LimitedInputStream.TooLargeException || (e instanceof StreamConstraintsException sce
        && sce.getOriginalMessage() != null && sce.getOriginalMessage().contains("Document length"))) {
      message = "document is larger than the limit of " + limits.maxDocumentBytes() + " bytes";
    } else if (e instanceof StreamConstraintsException sce && sce.getOriginalMessage() != null
        && sce.getOriginalMessage().contains("nesting depth")) {
      message = "document nests deeper than the limit of " + limits.maxDepth() + " levels";
    } else if (e instanceof JsonProcessingException jpe) {
      message = cleanJacksonMessage(jpe.getOriginalMessage());
    } else {
      message = "could not read the document: " + e.getMessage();
    }
    return new WorkflowJsonException(line, column, message, e);
  }

  private static String cleanJacksonMessage(String message) {
    if (message == null) {
      return "malformed JSON";
    }
    String m = message.replace("\n", " ");
    if (m.startsWith("Unexpected end-of-input")) {
      return "the document ends too early (truncated?): " + m;
    }
    return "malformed JSON: " + m;
  }

  /** Writes the document, pretty-printed, as UTF-8. */
  public String write(Workflow workflow) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(workflow, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Writes the document, pretty-printed, as UTF-8. Does not close the stream. */
  public void write(Workflow workflow, OutputStream out) {
    try (JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
      gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      gen.useDefaultPrettyPrinter();
      writeDocument(workflow, gen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeDocument(Workflow workflow, JsonGenerator gen) throws IOException {
    WorkflowMetadata m = workflow.metadata();
    gen.writeStartObject();
    gen.writeStringField("format", FORMAT);
    gen.writeStringField("id", m.id());
    gen.writeStringField("organizationId", m.organizationId());
    gen.writeStringField("name", m.name());
    if (m.description().isPresent()) {
      gen.writeStringField("description", m.description().get());
    }
    gen.writeStringField("stage", m.stage().wireName());
    gen.writeStringField("status", m.status().wireName());
    gen.writeStringField("createdBy", m.createdBy());
    if (m.createdAt().isPresent()) {
      gen.writeStringField("createdAt", m.createdAt().get().toString());
    }
    if (m.updatedAt().isPresent()) {
      gen.writeStringField("updatedAt", m.updatedAt().get().toString());
    }
    gen.writeNumberField("version", m.version());

    List<Node> nodes = workflow.graph().nodes();
    Node trigger = null;
    for (Node node : nodes) {
      Optional<NodeType<?>> type = registry.find(node.type());
      if (type.isPresent() && type.get().kind() == NodeKind.TRIGGER) {
        trigger = node;
        break;
      }
    }
    if (trigger != null) {
      gen.writeFieldName("trigger");
      writeNode(trigger, gen);
    }
    gen.writeArrayFieldStart("nodes");
    for (Node node : nodes) {
      if (node != trigger) {
        writeNode(node, gen);
      }
    }
    gen.writeEndArray();
    gen.writeArrayFieldStart("edges");
    for (Edge edge : workflow.graph().edges()) {
      gen.writeStartObject();
      gen.writeStringField("id", edge.id());
      gen.writeStringField("source", edge.source());
      gen.writeStringField("sourceHandle", edge.sourceHandle());
      gen.writeStringField("target", edge.target());
      gen.writeEndObject();
    }
    gen.writeEndArray();
    gen.writeEndObject();
  }

  private static void writeNode(Node node, JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("id", node.id());
    gen.writeStringField("type", node.type());
    if (node.label().isPresent()) {
      gen.writeStringField("label", node.label().get());
    }
    gen.writeObjectFieldStart("position");
    writeCoordinate("x", node.position().x(), gen);
    writeCoordinate("y", node.position().y(), gen);
    gen.writeEndObject();
    gen.writeFieldName("config");
    gen.writeObject(node.config());
    NodeSettings s = node.settings();
    if (!s.isDefault()) {
      gen.writeObjectFieldStart("settings");
      if (s.retry().isPresent()) {
        RetryPolicy r = s.retry().get();
        gen.writeObjectFieldStart("retry");
        gen.writeNumberField("maxAttempts", r.maxAttempts());
        gen.writeStringField("initialBackoff", r.initialBackoff().toString());
        gen.writeNumberField("multiplier", r.multiplier());
        gen.writeStringField("maxBackoff", r.maxBackoff().toString());
        gen.writeEndObject();
      }
      if (s.timeout().isPresent()) {
        gen.writeStringField("timeout", s.timeout().get().toString());
      }
      if (s.continueOnFailure()) {
        gen.writeBooleanField("continueOnFailure", true);
      }
      if (s.minutesSaved().isPresent()) {
        gen.writeNumberField("minutesSaved", s.minutesSaved().get());
      }
      if (s.actInTestRuns()) {
        gen.writeBooleanField("actInTestRuns", true);
      }
      gen.writeEndObject();
    }
    gen.writeEndObject();
  }

  private static void writeCoordinate(String name, double value, JsonGenerator gen) throws IOException {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      gen.writeNumberField(name, (long) value);
    } else {
      gen.writeNumberField(name, value);
    }
  }

  /** Configures a {@link WorkflowJson}. */
  public static final class Builder {
    private final NodeTypeRegistry registry;
    private JsonLimits limits = JsonLimits.DEFAULTS;

    Builder(NodeTypeRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry must not be null");
    }

    /** Reading limits; default {@link JsonLimits#DEFAULTS}. */
    public Builder limits(JsonLimits value) {
      this.limits = Objects.requireNonNull(value, "limits must not be null");
      return this;
    }

    public WorkflowJson build() {
      return new WorkflowJson(registry, limits);
    }
  }

  /** Carries a located problem out of the reader as an IOException, so one catch block translates all. */
  private static class WorkflowJsonIOException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;
    private final String problem;

    WorkflowJsonIOException(JsonLocation loc, String problem, Throwable cause) {
      super(problem, cause);
      this.line = loc == null ? -1 : loc.getLineNr();
      this.column = loc == null ? -1 : loc.getColumnNr();
      this.problem = problem;
    }

    WorkflowJsonException toException() {
      return new WorkflowJsonException(line, column, problem, getCause());
    }
  }

  /**
   * A problem reading can go on after (a wrong type, an unknown field or type, a missing member): {@link #check}
   * records it and skips the value; {@link #read} stops at it like at any other.
   */
  private static final class Recoverable extends WorkflowJsonIOException {
    private static final long serialVersionUID = 1L;

    Recoverable(JsonLocation loc, String problem, Throwable cause) {
      super(loc, problem, cause);
    }
  }

  /**
   * Refuses a number that does not fit a finite double ({@code 1e999999} would become Infinity), wherever in the
   * document it stands: position, settings or any depth of a config, which the reader hands to Jackson whole.
   */
  private static final class FiniteNumbers extends JsonParserDelegate {
    private final List<WorkflowJsonException> found;

    /** @param found where {@link #check} records the problem and goes on; {@code null} to stop at it */
    FiniteNumbers(JsonParser parser, List<WorkflowJsonException> found) {
      super(parser);
      this.found = found;
    }

    @Override
    public JsonToken nextToken() throws IOException {
      return check(super.nextToken());
    }

    @Override
    public JsonToken nextValue() throws IOException {
      return check(super.nextValue());
    }

    private JsonToken check(JsonToken token) throws IOException {
      if (token == JsonToken.VALUE_NUMBER_FLOAT && !Double.isFinite(getDoubleValue())) {
        String text = getText();
        String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        WorkflowJsonIOException e = new Recoverable(currentTokenLocation(), "the number " + shown + " at '"
            + getParsingContext().pathAsPointer() + "' is out of range; numbers must be finite, within about"
            + " \u00b11.7e308", null);
        if (found == null) {
          throw e;
        }
        found.add(e.toException());
      }
      return token;
    }
  }

  /**
   * Recursive-descent reader over the token stream. With a list to record problems in ({@link #check}) it goes on
   * after each {@link Recoverable} problem, skipping the value concerned; without one it stops at the first.
   */
  private final class Reader {
    private final JsonParser p;
    private final List<WorkflowJsonException> found;
    private int nodeCount;
    private int edgeCount;

    Reader(JsonParser p, List<WorkflowJsonException> found) {
      this.p = p;
      this.found = found;
    }

    /** A problem reading cannot go on after: a limit, the document's outer shape. */
    private WorkflowJsonIOException fail(String problem) {
      return new WorkflowJsonIOException(p.currentTokenLocation(), problem, null);
    }

    /** A problem of one value: {@link #check} records it and skips the value. */
    private Recoverable bad(String problem) {
      return new Recoverable(p.currentTokenLocation(), problem, null);
    }

    private Recoverable bad(JsonLocation at, String problem, Throwable cause) {
      return new Recoverable(at, problem, cause);
    }

    /** Rethrows when reading stops at the first problem; otherwise records it and skips the current value. */
    private void recover(Recoverable e) throws IOException {
      if (found == null) {
        throw e;
      }
      WorkflowJsonException problem = e.toException();
      WorkflowJsonException last = found.isEmpty() ? null : found.get(found.size() - 1);
      if (last == null || last.line() != problem.line() || last.column() != problem.column()) {
        found.add(problem); // one problem per place: a non-finite number is not also the wrong kind of number
      }
      JsonToken t = p.currentToken();
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        p.skipChildren();
      }
    }

    /** How many problems were recorded so far, to tell whether a part had one ({@link #brokenSince}). */
    private int mark() {
      return found == null ? 0 : found.size();
    }

    /** Whether a problem was recorded since {@code mark}: then what depends on that part is not checked. */
    private boolean brokenSince(int mark) {
      return found != null && found.size() > mark;
    }

    Workflow document() throws IOException {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw fail("expected a JSON object, but the document is empty");
      }
      if (first != JsonToken.START_OBJECT) {
        throw fail("expected " + describe(JsonToken.START_OBJECT) + " for the workflow document, but found "
            + describe(first));
      }
      JsonLocation start = p.currentTokenLocation();
      int mark = mark();
      Map<String, Object> meta = new LinkedHashMap<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      List<Node> nodes = new ArrayList<>();
      List<Edge> edges = new ArrayList<>();
      boolean sawNodes = false;
      boolean sawTrigger = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        seen.add(field);
        try {
          JsonToken value = p.nextToken();
          switch (field) {
            case "format" -> {
              String format = text(value, "format");
              if (!FORMAT.equals(format)) {
                throw bad("expected 'format' to be '" + FORMAT + "', but was '" + format + "'");
              }
            }
            case "id", "organizationId", "name", "stage", "status", "createdBy" -> meta.put(field, text(value, field));
            case "description" -> meta.put(field, value == JsonToken.VALUE_NULL ? null : text(value, field));
            case "createdAt", "updatedAt" ->
                meta.put(field, value == JsonToken.VALUE_NULL ? null : instant(value, field));
            case "version" -> meta.put(field, integer(value, "version"));
            case "trigger" -> {
              if (value != JsonToken.VALUE_NULL) {
                sawTrigger = true;
                Node trigger = element(() -> node(p.currentToken(), "trigger"));
                if (trigger != null) {
                  nodes.add(0, trigger);
                }
              }
            }
            case "nodes" -> {
              sawNodes = true;
              expect(value, JsonToken.START_ARRAY, "'nodes'");
              int index = 0;
              while (p.nextToken() != JsonToken.END_ARRAY) {
                String where = "nodes[" + index++ + "]";
                Node node = element(() -> node(p.currentToken(), where));
                if (node != null) {
                  nodes.add(node);
                }
              }
            }
            case "edges" -> {
              expect(value, JsonToken.START_ARRAY, "'edges'");
              int index = 0;
              while (p.nextToken() != JsonToken.END_ARRAY) {
                if (edgeCount++ >= limits.maxEdges()) {
                  throw fail("the document has more than the limit of " + limits.maxEdges() + " edges");
                }
                String where = "edges[" + index++ + "]";
                Edge edge = element(() -> edge(p.currentToken(), where));
                if (edge != null) {
                  edges.add(edge);
                }
              }
            }
            default -> throw bad("unexpected field '" + field + "'; expected one of [format, id, organizationId,"
                + " name, description, stage, status, createdBy, createdAt, updatedAt, version, trigger, nodes,"
                + " edges]");
          }
        } catch (Recoverable e) {
          recover(e);
        }
      }
      expect(p.currentToken(), JsonToken.END_OBJECT, "the end of the workflow document");
      if (p.nextToken() != null) {
        throw fail("expected the end of the document after the workflow object, but found more content");
      }
      if (!sawNodes && !sawTrigger) {
        recover(bad(start, "expected a 'trigger' or 'nodes' field in the workflow document", null));
      }
      for (String required : List.of("id", "organizationId", "name")) {
        if (!meta.containsKey(required) && !seen.contains(required)) {
          recover(bad(start, "expected the required field '" + required + "' in the workflow document", null));
        }
      }
      if (brokenSince(mark)) {
        // the metadata cannot be built; its wire names can still be checked
        wireNames(meta, start);
        return null;
      }
      try {
        WorkflowMetadata metadata = new WorkflowMetadata(
            (String) meta.get("id"),
            (String) meta.get("organizationId"),
            (String) meta.get("name"),
            Optional.ofNullable((String) meta.get("description")),
            meta.containsKey("stage") ? LifecycleStage.fromWire((String) meta.get("stage")) : LifecycleStage.ONBOARD,
            meta.containsKey("status") ? WorkflowStatus.fromWire((String) meta.get("status")) : WorkflowStatus.DRAFT,
            (String) meta.getOrDefault("createdBy", "system"),
            Optional.ofNullable((Instant) meta.get("createdAt")),
            Optional.ofNullable((Instant) meta.get("updatedAt")),
            (Integer) meta.getOrDefault("version", 1));
        return new Workflow(metadata, new WorkflowGraph(nodes, edges));
      } catch (IllegalArgumentException | NullPointerException e) {
        recover(bad(start, e.getMessage(), e));
        return null;
      }
    }

    private void wireNames(Map<String, Object> meta, JsonLocation start) throws IOException {
      try {
        if (meta.get("stage") instanceof String stage) {
          LifecycleStage.fromWire(stage);
        }
      } catch (IllegalArgumentException e) {
        recover(bad(start, e.getMessage(), e));
      }
      try {
        if (meta.get("status") instanceof String status) {
          WorkflowStatus.fromWire(status);
        }
      } catch (IllegalArgumentException e) {
        recover(bad(start, e.getMessage(), e));
      }
    }

    /** One element of an array: its problem is recorded and the element skipped, or {@code null} when broken. */
    private <T> T element(Part<T> part) throws IOException {
      try {
        return part.read();
      } catch (Recoverable e) {
        recover(e);
        return null;
      }
    }

    private Node node(JsonToken token, String where) throws IOException {
      if (++nodeCount > limits.maxNodes()) {
        throw fail("the document has more than the limit of " + limits.maxNodes() + " nodes");
      }
      expect(token, JsonToken.START_OBJECT, "'" + where + "'");
      JsonLocation start = p.currentTokenLocation();
      int mark = mark();
      java.util.Set<String> seen = new java.util.HashSet<>();
      String id = null;
      String type = null;
      String label = null;
      Position position = null;
      Map<String, Object> config = null;
      NodeSettings settings = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        seen.add(field);
        try {
          JsonToken value = p.nextToken();
          switch (field) {
            case "id" -> id = text(value, where + ".id");
            case "type" -> type = typeName(value, where + ".type");
            case "label" -> label = value == JsonToken.VALUE_NULL ? null : text(value, where + ".label");
            case "position" -> position = position(value, where + ".position");
            case "config" -> config = config(value, where + ".config");
            case "settings" -> settings = settings(value, where + ".settings");
            default -> throw bad("unexpected field '" + field + "' in " + where
                + "; expected one of [id, type, label, position, config, settings]");
          }
        } catch (Recoverable e) {
          recover(e);
        }
      }
      if ((id == null && !seen.contains("id")) || (type == null && !seen.contains("type"))) {
        throw bad(start, "expected the required fields 'id' and 'type' in " + where, null);
      }
      if (brokenSince(mark)) {
        return null;
      }
      try {
        return new Node(id, type, config, Optional.ofNullable(label), position, settings);
      } catch (IllegalArgumentException e) {
        throw bad(start, where + ": " + e.getMessage(), e);
      }
    }

    private String typeName(JsonToken value, String where) throws IOException {
      String name = text(value, where);
      if (!TYPE_NAME.matcher(name).matches()) {
        throw bad("expected " + where + " to be a node type name such as 'send_email' (lower snake case), but was '"
            + name + "'" + (name.contains(".") ? "; class names are never accepted" : ""));
      }
      if (registry.find(name).isEmpty()) {
        throw bad("unknown node type '" + name + "' at " + where + ";"
            + Suggestions.didYouMean(name, registry.names()) + " known types: " + registry.names());
      }
      return name;
    }

    private Edge edge(JsonToken token, String where) throws IOException {
      expect(token, JsonToken.START_OBJECT, "'" + where + "'");
      JsonLocation start = p.currentTokenLocation();
      int mark = mark();
      java.util.Set<String> seen = new java.util.HashSet<>();
      String id = null;
      String source = null;
      String handle = null;
      String target = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        seen.add(field);
        try {
          JsonToken value = p.nextToken();
          switch (field) {
            case "id" -> id = text(value, where + ".id");
            case "source" -> source = text(value, where + ".source");
            case "sourceHandle" ->
                handle = value == JsonToken.VALUE_NULL ? null : text(value, where + ".sourceHandle");
            case "target" -> target = text(value, where + ".target");
            default -> throw bad("unexpected field '" + field + "' in " + where
                + "; expected one of [id, source, sourceHandle, target]");
          }
        } catch (Recoverable e) {
          recover(e);
        }
      }
      if ((id == null && !seen.contains("id")) || (source == null && !seen.contains("source"))
          || (target == null && !seen.contains("target"))) {
        throw bad(start, "expected the required fields 'id', 'source' and 'target' in " + where, null);
      }
      if (brokenSince(mark)) {
        return null;
      }
      try {
        return new Edge(id, source, handle, target);
      } catch (IllegalArgumentException e) {
        throw bad(start, where + ": " + e.getMessage(), e);
      }
    }

    private Position position(JsonToken token, String where) throws IOException {
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      expect(token, JsonToken.START_OBJECT, "'" + where + "'");
      JsonLocation start = p.currentTokenLocation();
      int mark = mark();
      double x = 0;
      double y = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        try {
          JsonToken value = p.nextToken();
          switch (field) {
            case "x" -> x = number(value, where + ".x");
            case "y" -> y = number(value, where + ".y");
            default -> throw bad("unexpected field '" + field + "' in " + where + "; expected one of [x, y]");
          }
        } catch (Recoverable e) {
          recover(e);
        }
      }
      if (brokenSince(mark)) {
        return null;
      }
      try {
        return new Position(x, y);
      } catch (IllegalArgumentException e) {
        throw bad(start, where + ": " + e.getMessage(), e);
      }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> config(JsonToken token, String where) throws IOException {
      if (token == JsonToken.VALUE_NULL) {
        return Map.of();
      }
      expect(token, JsonToken.START_OBJECT, "'" + where + "'");
      return p.readValueAs(LinkedHashMap.class);
    }

    private NodeSettings settings(JsonToken token, String where) throws IOException {
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      expect(token, JsonToken.START_OBJECT, "'" + where + "'");
      JsonLocation start = p.currentTokenLocation();
      NodeSettings settings = NodeSettings.DEFAULTS;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        try {
          JsonToken value = p.nextToken();
          try {
            switch (field) {
              case "retry" -> {
                RetryPolicy retry = retry(value, where + ".retry");
                if (retry != null) { // null only when check recorded its problem
                  settings = settings.withRetry(retry);
                }
              }
              case "timeout" -> settings = settings.withTimeout(duration(value, where + ".timeout"));
              case "continueOnFailure" ->
                  settings = settings.withContinueOnFailure(bool(value, where + "." + field));
              case "minutesSaved" -> settings = settings.withMinutesSaved(integer(value, where + "." + field));
              case "actInTestRuns" -> settings = settings.withActInTestRuns(bool(value, where + "." + field));
              default -> throw bad("unexpected field '" + field + "' in " + where
                  + "; expected one of [retry, timeout, continueOnFailure, minutesSaved, actInTestRuns]");
            }
          } catch (IllegalArgumentException | NullPointerException e) {
            throw bad(start, where + ": " + e.getMessage(), e);
          }
        } catch (Recoverable e) {
          recover(e);
        }
      }
      return settings;
    }

    private RetryPolicy retry(JsonToken token, String where) throws IOException {
      expect(token, JsonToken.START_OBJECT, "'" + where + "'");
      JsonLocation start = p.currentTokenLocation();
      int mark = mark();
      int attempts = RetryPolicy.DEFAULT_MAX_ATTEMPTS;
      Duration initial = RetryPolicy.DEFAULT_INITIAL_BACKOFF;
      double multiplier = RetryPolicy.DEFAULT_MULTIPLIER;
      Duration max = RetryPolicy.DEFAULT_MAX_BACKOFF;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        try {
          JsonToken value = p.nextToken();
          switch (field) {
            case "maxAttempts" -> attempts = integer(value, where + ".maxAttempts");
            case "initialBackoff" -> initial = duration(value, where + ".initialBackoff");
            case "multiplier" -> multiplier = number(value, where + ".multiplier");
            case "maxBackoff" -> max = duration(value, where + ".maxBackoff");
            default -> throw bad("unexpected field '" + field + "' in " + where
                + "; expected one of [maxAttempts, initialBackoff, multiplier, maxBackoff]");
          }
        } catch (Recoverable e) {
          recover(e);
        }
      }
      if (brokenSince(mark)) {
        return null;
      }
      try {
        return new RetryPolicy(attempts, initial, multiplier, max);
      } catch (IllegalArgumentException e) {
        throw bad(start, e.getMessage(), e);
      }
    }

    private void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
      if (actual != expected) {
        throw bad("expected " + describe(expected) + " for " + what + ", but found " + describe(actual));
      }
    }

    private String text(JsonToken token, String where) throws IOException {
      if (token != JsonToken.VALUE_STRING) {
        throw bad("expected a string for '" + where + "', but found " + describe(token));
      }
      return p.getText();
    }

    private int integer(JsonToken token, String where) throws IOException {
      if (token != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
        throw bad("expected a whole number for '" + where + "', but found " + describe(token));
      }
      return p.getIntValue();
    }

    private double number(JsonToken token, String where) throws IOException {
      if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
        throw bad("expected a number for '" + where + "', but found " + describe(token));
      }
      double value = p.getDoubleValue();
      return Double.isFinite(value) ? value : 0; // a non-finite number was recorded already (check only)
    }

    private boolean bool(JsonToken token, String where) throws IOException {
      if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
        throw bad("expected true or false for '" + where + "', but found " + describe(token));
      }
      return token == JsonToken.VALUE_TRUE;
    }

    private Instant instant(JsonToken token, String where) throws IOException {
      String text = text(token, where);
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw bad("expected an ISO-8601 instant such as '2026-01-31T09:00:00Z' for '" + where + "', but was '"
            + text + "'");
      }
    }

    private Duration duration(JsonToken token, String where) throws IOException {
      String text = text(token, where);
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw bad("expected an ISO-8601 duration such as 'PT30S' for '" + where + "', but was '" + text + "'");
      }
    }

    private String describe(JsonToken token) {
      if (token == null) {
        return "the end of the document";
      }
      return switch (token) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case END_OBJECT -> "'}'";
        case END_ARRAY -> "']'";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> token.toString();
      };
    }
  }

  /** Reads one part of the document. */
  @FunctionalInterface
  private interface Part<T> {
    T read() throws IOException;
  }
}
