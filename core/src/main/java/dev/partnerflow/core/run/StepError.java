package dev.partnerflow.core.run;

import java.util.Objects;

/**
 * Why a step attempt failed.
 *
 * @param type the exception's simple class name, e.g. {@code StepFailedException}, {@code TimeoutException}
 * @param message its message, with known secrets of the step removed
 * @param retryable whether the engine considered it worth another attempt
 */
public record StepError(String type, String message, boolean retryable) {
  public StepError {
    Objects.requireNonNull(type, "type must not be null");
    message = message == null ? "" : message;
  }
}
