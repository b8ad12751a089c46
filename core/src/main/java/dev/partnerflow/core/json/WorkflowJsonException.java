package dev.partnerflow.core.json;

import dev.partnerflow.core.PartnerflowException;

/**
 * A workflow document could not be read: malformed, truncated, of the wrong shape, or over a limit. Gives the line
 * and column (1-based) where reading stopped and what was expected there. Nothing of the document is returned.
 */
public class WorkflowJsonException extends PartnerflowException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String problem;

  public WorkflowJsonException(int line, int column, String problem, Throwable cause) {
    super("invalid workflow document at line " + line + ", column " + column + ": " + problem, cause);
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** 1-based line, or -1 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column, or -1 when unknown. */
  public int column() {
    return column;
  }

  /** What was wrong, without the location. */
  public String problem() {
    return problem;
  }
}
