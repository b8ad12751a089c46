package dev.partnerflow.core.json;

/**
 * Limits applied while reading a workflow document. Each is checked as the document streams in, so a document
 * over a limit is refused without being read whole.
 *
 * <pre>{@code
 * JsonLimits strict = JsonLimits.DEFAULTS.withMaxNodes(100);
 * }</pre>
 *
 * @param maxDocumentBytes largest document, in bytes of UTF-8; default 1 MiB
 * @param maxDepth deepest nesting of objects and arrays; default 64
 * @param maxNodes most nodes (the trigger included); default 500
 * @param maxEdges most edges; default 2,000
 */
public record JsonLimits(long maxDocumentBytes, int maxDepth, int maxNodes, int maxEdges) {
  public static final long DEFAULT_MAX_DOCUMENT_BYTES = 1024 * 1024;
  public static final int DEFAULT_MAX_DEPTH = 64;
  public static final int DEFAULT_MAX_NODES = 500;
  public static final int DEFAULT_MAX_EDGES = 2_000;
  public static final JsonLimits DEFAULTS =
      new JsonLimits(DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, DEFAULT_MAX_EDGES);

  public JsonLimits {
    if (maxDocumentBytes < 2) {
      throw new IllegalArgumentException("maxDocumentBytes must be at least 2, but was " + maxDocumentBytes);
    }
    if (maxDepth < 4 || maxDepth > 1000) {
      throw new IllegalArgumentException("maxDepth must be between 4 and 1000, but was " + maxDepth);
    }
    if (maxNodes < 1) {
      throw new IllegalArgumentException("maxNodes must be at least 1, but was " + maxNodes);
    }
    if (maxEdges < 0) {
      throw new IllegalArgumentException("maxEdges must not be negative, but was " + maxEdges);
    }
  }

  public JsonLimits withMaxDocumentBytes(long value) {
    return new JsonLimits(value, maxDepth, maxNodes, maxEdges);
  }

  public JsonLimits withMaxDepth(int value) {
    return new JsonLimits(maxDocumentBytes, value, maxNodes, maxEdges);
  }

  public JsonLimits withMaxNodes(int value) {
    return new JsonLimits(maxDocumentBytes, maxDepth, value, maxEdges);
  }

  public JsonLimits withMaxEdges(int value) {
    return new JsonLimits(maxDocumentBytes, maxDepth, maxNodes, value);
  }
}
