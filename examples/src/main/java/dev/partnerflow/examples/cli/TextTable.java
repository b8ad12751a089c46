package dev.partnerflow.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A plain text table: columns padded to their widest cell, two spaces apart; cells may be styled after padding. */
final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<List<UnaryOperator<String>>> styles = new ArrayList<>();

  TextTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  void row(List<String> cells) {
    row(cells, null);
  }

  /** A row; {@code style} (may be null) styles each padded cell, e.g. adds ANSI colour that takes no width. */
  void row(List<String> cells, List<UnaryOperator<String>> style) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException("row has " + cells.size() + " cells, but the table " + header.size());
    }
    rows.add(List.copyOf(cells));
    styles.add(style);
  }

  int size() {
    return rows.size();
  }

  void print(PrintWriter out) {
    int[] width = new int[header.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = header.get(i).length();
      for (List<String> r : rows) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    out.println(line(header, null, width));
    for (int r = 0; r < rows.size(); r++) {
      out.println(line(rows.get(r), styles.get(r), width));
    }
  }

  private static String line(List<String> cells, List<UnaryOperator<String>> style, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      boolean last = i == cells.size() - 1;
      String cell = last ? cells.get(i) : pad(cells.get(i), width[i]);
      if (style != null && style.get(i) != null) {
        String text = cells.get(i);
        cell = style.get(i).apply(text) + cell.substring(text.length());
      }
      sb.append(cell);
      if (!last) {
        sb.append("  ");
      }
    }
    return sb.toString().stripTrailing();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
