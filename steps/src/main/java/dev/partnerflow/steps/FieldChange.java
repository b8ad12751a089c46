package dev.partnerflow.steps;

import java.util.Optional;

/**
 * A field's value before and after an update, as a {@link RecordUpdater} reports it.
 *
 * @param oldValue the previous value, empty when the host does not know it (or it was null)
 * @param newValue the value written (may be null to clear a field)
 * @since 0.1
 */
public record FieldChange(Optional<Object> oldValue, Object newValue) {
  public FieldChange {
    oldValue = oldValue == null ? Optional.empty() : oldValue;
  }

  public static FieldChange of(Object oldValue, Object newValue) {
    return new FieldChange(Optional.ofNullable(oldValue), newValue);
  }

  /** A change whose previous value the host does not report. */
  public static FieldChange to(Object newValue) {
    return new FieldChange(Optional.empty(), newValue);
  }
}
