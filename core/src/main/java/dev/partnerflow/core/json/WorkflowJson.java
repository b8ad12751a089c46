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
      return new Reader(new FiniteNumbers(parser)).document();
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
  private static final class WorkflowJsonIOException extends IOException {
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
   * Refuses a number that does not fit a finite double ({@code 1e999999} would become Infinity), wherever in the
   * document it stands: position, settings or any depth of a config, which the reader hands to Jackson whole.
   */
  private static final class FiniteNumbers extends JsonParserDelegate {
    FiniteNumbers(JsonParser parser) {
      super(parser);
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
        throw new WorkflowJsonIOException(currentTokenLocation(), "the number " + shown + " at '"
            + getParsingContext().pathAsPointer() + "' is out of range; numbers must be finite, within about"
            + " \u00b11.7e308", null);
      }
      return token;
    }
  }

  /** Recursive-descent reader over the token stream. */
  private final class Reader {
    private final JsonParser p;
    private int nodeCount;

    Reader(JsonParser p) {
      this.p = p;
    }

    private WorkflowJsonIOException fail(String problem) {
      return new WorkflowJsonIOException(p.currentTokenLocation(), problem, null);
    }

    private WorkflowJsonIOException fail(JsonLocation at, String problem, Throwable cause) {
      return new WorkflowJsonIOException(at, problem, cause);
    }

    Workflow document() throws IOException {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw fail("expected a JSON object, but the document is empty");
      }
      expect(first, JsonToken.START_OBJECT, "the workflow document");
      JsonLocation start = p.currentTokenLocation();
      Map<String, Object> meta = new LinkedHashMap<>();
      List<Node> nodes = new ArrayList<>();
      List<Edge> edges = new ArrayList<>();
      boolean sawNodes = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "format" -> {
            String format = text(value, "format");
            if (!FORMAT.equals(format)) {
              throw fail("expected 'format' to be '" + FORMAT + "', but was '" + format + "'");
            }
          }
          case "id", "organizationId", "name", "stage", "status", "createdBy" -> meta.put(field, text(value, field));
          case "description" -> meta.put(field, value == JsonToken.VALUE_NULL ? null : text(value, field));
          case "createdAt", "updatedAt" -> meta.put(field, value == JsonToken.VALUE_NULL ? null : instant(value, field));
          case "version" -> meta.put(field, integer(value, "version"));
          case "trigger" -> {
            if (value != JsonToken.VALUE_NULL) {
              nodes.add(0, node(value, "trigger"));
            }
          }
          case "nodes" -> {
            sawNodes = true;
            expect(value, JsonToken.START_ARRAY, "'nodes'");
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
              nodes.add(node(p.currentToken(), "nodes[" + index++ + "]"));
            }
          }
          case "edges" -> {
            expect(value, JsonToken.START_ARRAY, "'edges'");
            while (p.nextToken() != JsonToken.END_ARRAY) {
              if (edges.size() >= limits.maxEdges()) {
                throw fail("the document has more than the limit of " + limits.maxEdges() + " edges");
              }
              edges.add(edge(p.currentToken(), "edges[" + edges.size() + "]"));
            }
          }
          default -> throw fail("unexpected field '" + field + "'; expected one of [format, id, organizationId, name,"
              + " description, stage, status, createdBy, createdAt, updatedAt, version, trigger, nodes, edges]");
        }
      }
      expect(p.currentToken(), JsonToken.END_OBJECT, "the end of the workflow document");
      if (p.nextToken() != null) {
        throw fail("expected the end of the document after the workflow object, but found more content");
      }
      if (!sawNodes && nodes.isEmpty()) {
        throw fail(start, "expected a 'trigger' or 'nodes' field in the workflow document", null);
      }
      for (String required : List.of("id", "organizationId", "name")) {
        if (!meta.containsKey(required)) {
          throw fail(start, "expected the required field '" + required + "' in the workflow document", null);
        }
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
        throw fail(start, e.getMessage(), e);
      }
    }

    private Node node(JsonToken token, String where) throws IOException {
      if (++nodeCount > limits.maxNodes()) {
        throw fail("the document has more than the limit of " + limits.maxNodes() + " nodes");
      }
      expect(token, JsonToken.START_OBJECT, "'" + where + "'");
      JsonLocation start = p.currentTokenLocation();
      String id = null;
      String type = null;
      String label = null;
      Position position = null;
      Map<String, Object> config = null;
      NodeSettings settings = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "id" -> id = text(value, where + ".id");
          case "type" -> type = typeName(value, where + ".type");
          case "label" -> label = value == JsonToken.VALUE_NULL ? null : text(value, where + ".label");
          case "position" -> position = position(value, where + ".position");
          case "config" -> config = config(value, where + ".config");
          case "settings" -> settings = settings(value, where + ".settings");
          default -> throw fail("unexpected field '" + field + "' in " + where
              + "; expected one of [id, type, label, position, config, settings]");
        }
      }
      if (id == null || type == null) {
        throw fail(start, "expected the required fields 'id' and 'type' in " + where, null);
      }
      try {
        return new Node(id, type, config, Optional.ofNullable(label), position, settings);
      } catch (IllegalArgumentException e) {
        throw fail(start, where + ": " + e.getMessage(), e);
      }
    }

    private String typeName(JsonToken value, String where) throws IOException {
      String name = text(value, where);
      if (!TYPE_NAME.matcher(name).matches()) {
        throw fail("expected " + where + " to be a node type name such as 'send_email' (lower snake case), but was '"
            + name + "'" + (name.contains(".") ? "; class names are never accepted" : ""));
      }
      if (registry.find(name).isEmpty()) {
        throw fail("unknown node type '" + name + "' at " + where + ";"
            + Suggestions.didYouMean(name, registry.names()) + " known types: " + registry.names());
      }
      return name;
    }

    private Edge edge(JsonToken token, String where) throws IOException {
      expect(token, JsonToken.START_OBJECT, "'" + where + "'");
      JsonLocation start = p.currentTokenLocation();
      String id = null;
      String source = null;
      String handle = null;
      String target = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "id" -> id = text(value, where + ".id");
          case "source" -> source = text(value, where + ".source");
          case "sourceHandle" -> handle = value == JsonToken.VALUE_NULL ? null : text(value, where + ".sourceHandle");
          case "target" -> target = text(value, where + ".target");
          default -> throw fail("unexpected field '" + field + "' in " + where
              + "; expected one of [id, source, sourceHandle, target]");
        }
      }
      if (id == null || source == null || target == null) {
        throw fail(start, "expected the required fields 'id', 'source' and 'target' in " + where, null);
      }
      try {
        return new Edge(id, source, handle, target);
      } catch (IllegalArgumentException e) {
        throw fail(start, where + ": " + e.getMessage(), e);
      }
    }

    private Position position(JsonToken token, String where) throws IOException {
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      expect(token, JsonToken.START_OBJECT, "'" + where + "'");
      JsonLocation start = p.currentTokenLocation();
      double x = 0;
      double y = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "x" -> x = number(value, where + ".x");
          case "y" -> y = number(value, where + ".y");
          default -> throw fail("unexpected field '" + field + "' in " + where + "; expected one of [x, y]");
        }
      }
      try {
        return new Position(x, y);
      } catch (IllegalArgumentException e) {
        throw fail(start, where + ": " + e.getMessage(), e);
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
      try {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          switch (field) {
            case "retry" -> settings = settings.withRetry(retry(value, where + ".retry"));
            case "timeout" -> settings = settings.withTimeout(duration(value, where + ".timeout"));
            case "continueOnFailure" -> settings = settings.withContinueOnFailure(bool(value, where + "." + field));
            case "minutesSaved" -> settings = settings.withMinutesSaved(integer(value, where + "." + field));
            case "actInTestRuns" -> settings = settings.withActInTestRuns(bool(value, where + "." + field));
            default -> throw fail("unexpected field '" + field + "' in " + where
                + "; expected one of [retry, timeout, continueOnFailure, minutesSaved, actInTestRuns]");
          }
        }
      } catch (IllegalArgumentException e) {
        throw fail(start, where + ": " + e.getMessage(), e);
      }
      return settings;
    }

    private RetryPolicy retry(JsonToken token, String where) throws IOException {
      expect(token, JsonToken.START_OBJECT, "'" + where + "'");
      JsonLocation start = p.currentTokenLocation();
      int attempts = RetryPolicy.DEFAULT_MAX_ATTEMPTS;
      Duration initial = RetryPolicy.DEFAULT_INITIAL_BACKOFF;
      double multiplier = RetryPolicy.DEFAULT_MULTIPLIER;
      Duration max = RetryPolicy.DEFAULT_MAX_BACKOFF;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "maxAttempts" -> attempts = integer(value, where + ".maxAttempts");
          case "initialBackoff" -> initial = duration(value, where + ".initialBackoff");
          case "multiplier" -> multiplier = number(value, where + ".multiplier");
          case "maxBackoff" -> max = duration(value, where + ".maxBackoff");
          default -> throw fail("unexpected field '" + field + "' in " + where
              + "; expected one of [maxAttempts, initialBackoff, multiplier, maxBackoff]");
        }
      }
      try {
        return new RetryPolicy(attempts, initial, multiplier, max);
      } catch (IllegalArgumentException e) {
        throw fail(start, e.getMessage(), e);
      }
    }

    private void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
      if (actual != expected) {
        throw fail("expected " + describe(expected) + " for " + what + ", but found " + describe(actual));
      }
    }

    private String text(JsonToken token, String where) throws IOException {
      if (token != JsonToken.VALUE_STRING) {
        throw fail("expected a string for '" + where + "', but found " + describe(token));
      }
      return p.getText();
    }

    private int integer(JsonToken token, String where) throws IOException {
      if (token != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
        throw fail("expected a whole number for '" + where + "', but found " + describe(token));
      }
      return p.getIntValue();
    }

    private double number(JsonToken token, String where) throws IOException {
      if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
        throw fail("expected a number for '" + where + "', but found " + describe(token));
      }
      return p.getDoubleValue();
    }

    private boolean bool(JsonToken token, String where) throws IOException {
      if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
        throw fail("expected true or false for '" + where + "', but found " + describe(token));
      }
      return token == JsonToken.VALUE_TRUE;
    }

    private Instant instant(JsonToken token, String where) throws IOException {
      String text = text(token, where);
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw fail("expected an ISO-8601 instant such as '2026-01-31T09:00:00Z' for '" + where + "', but was '"
            + text + "'");
      }
    }

    private Duration duration(JsonToken token, String where) throws IOException {
      String text = text(token, where);
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw fail("expected an ISO-8601 duration such as 'PT30S' for '" + where + "', but was '" + text + "'");
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
}
