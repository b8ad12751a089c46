package dev.partnerflow.jdbc.internal;

import java.util.function.IntFunction;

/**
 * The text of a statement that depends on a count (rows in a VALUES list, pairs in a condition), built once per
 * count up to a bound and rebuilt above it. The same text each time also lets the driver reuse its prepared form.
 * Unsynchronised: two threads may both build a text, and either result is the same immutable string.
 */
final class StatementsBySize {
  private final String[] built;
  private final IntFunction<String> build;

  /** Keeps the texts for counts 0 to {@code kept - 1}. */
  StatementsBySize(int kept, IntFunction<String> build) {
    this.built = new String[kept];
    this.build = build;
  }

  String get(int size) {
    if (size >= built.length) {
      return build.apply(size);
    }
    String sql = built[size];
    if (sql == null) {
      sql = build.apply(size);
      built[size] = sql;
    }
    return sql;
  }
}
