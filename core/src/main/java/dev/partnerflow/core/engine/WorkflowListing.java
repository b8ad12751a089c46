package dev.partnerflow.core.engine;

import dev.partnerflow.core.model.WorkflowMetadata;
import java.util.Optional;

/**
 * One row of the workflow list.
 *
 * @param metadata the workflow's metadata (latest version)
 * @param triggerType its trigger's type name, if it has exactly one trigger
 * @param minutesSavedPerWeek minutes saved by its successful steps of the last 7 days
 */
public record WorkflowListing(WorkflowMetadata metadata, Optional<String> triggerType, long minutesSavedPerWeek) {}
