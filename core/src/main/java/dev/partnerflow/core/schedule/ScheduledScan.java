package dev.partnerflow.core.schedule;

import dev.partnerflow.core.event.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * One claimed scan of one organization, handed by the engine to {@link ScheduledTriggers#scan}.
 *
 * @since 0.2
 */
public interface ScheduledScan {
  String organizationId();

  /** The organization's zone. */
  ZoneId zone();

  /** The engine clock's instant when the scan started: occurrences due at or before it fire. */
  Instant now();

  /** {@link #now()}'s calendar date in {@link #zone()}. */
  default LocalDate today() {
    return now().atZone(zone()).toLocalDate();
  }

  /** The organization's Active workflows of a trigger type, by id. */
  List<ScheduledWorkflow> workflows(String triggerType);

  /** Which of these occurrence keys the workflow already fired (recorded in the store). */
  Set<String> fired(String workflowId, Collection<String> occurrenceKeys);

  /**
   * Starts a run of the workflow for the event, unless the event id already started one (dedupe), and records the
   * occurrence key for the workflow so that later scans skip it.
   *
   * @return true when a new run was started, false when the event id had already started one
   */
  boolean fire(ScheduledWorkflow workflow, String occurrenceKey, Event event);

  /**
   * Extends the scan's lease when a third of it has passed; long scans call it between pages.
   *
   * @throws ScanLostException when another engine took the scan over (the scan must stop)
   */
  void heartbeat();

  /** The scan lost its lease to another engine. */
  final class ScanLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScanLostException(String message) {
      super(message);
    }
  }
}
