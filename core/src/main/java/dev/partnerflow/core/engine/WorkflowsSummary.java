package dev.partnerflow.core.engine;

/**
 * The three summary cards at the top of the workflow list.
 *
 * @param activeWorkflows number of Active workflows
 * @param distinctCreators number of team members who created at least one workflow
 * @param minutesSavedPerWeek minutes saved in the last 7 days by the Active workflows
 */
public record WorkflowsSummary(int activeWorkflows, int distinctCreators, long minutesSavedPerWeek) {}
