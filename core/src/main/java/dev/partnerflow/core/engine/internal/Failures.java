package dev.partnerflow.core.engine.internal;

/**
 * Turns anything a step or the engine threw into a type name and a message that can always be recorded: a message
 * that cannot be read (its {@code getMessage()} throws) is described instead of escaping.
 */
final class Failures {
  private Failures() {}

  /** The throwable's message, or a description of why there is none; never throws. */
  static String message(Throwable t) {
    String message;
    try {
      message = t.getMessage();
    } catch (Throwable unreadable) {
      return "(message unavailable: " + t.getClass().getName() + ".getMessage() threw "
          + unreadable.getClass().getName() + ")";
    }
    return message == null ? "(no message)" : message;
  }

  /** The simple type name, or the full name for anonymous and local classes. */
  static String type(Throwable t) {
    String simple = t.getClass().getSimpleName();
    return simple.isEmpty() ? t.getClass().getName() : simple;
  }
}
