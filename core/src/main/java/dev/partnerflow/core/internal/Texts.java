package dev.partnerflow.core.internal;

/** Small text helpers shared by the engine and the stores. Not public API. */
public final class Texts {
  /** The most characters of an error message kept in run records and logs (8 KiB). */
  public static final int MAX_MESSAGE_CHARS = 8 * 1024;

  private Texts() {}

  /**
   * The text cut to at most {@code max} characters, followed by a marker saying how long it was:
   * {@code "… [truncated, 10485760 characters in all]"}. A surrogate pair is never split. Returns the text itself
   * (or null) when it is short enough.
   *
   * <p>Cut only after redaction: a cut can leave a fragment of a secret that no longer matches the whole.
   *
   * @throws IllegalArgumentException when {@code max} is negative
   */
  public static String cap(String text, int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max must be at least 0, but was " + max);
    }
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "\u2026 [truncated, " + text.length() + " characters in all]";
  }

  /** {@link #cap(String, int)} at {@link #MAX_MESSAGE_CHARS}: use it for every error message that is stored or logged. */
  public static String capMessage(String text) {
    return cap(text, MAX_MESSAGE_CHARS);
  }
}
