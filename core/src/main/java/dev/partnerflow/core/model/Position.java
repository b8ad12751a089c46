package dev.partnerflow.core.model;

/**
 * Where the visual editor drew a node. The engine never reads it; it round-trips untouched.
 *
 * @param x horizontal canvas coordinate
 * @param y vertical canvas coordinate
 */
public record Position(double x, double y) {
  /** The origin, used when a workflow is built in code without positions. */
  public static final Position ORIGIN = new Position(0, 0);

  public Position {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("position must be finite, but was (" + x + ", " + y + ")");
    }
  }
}
