package dev.partnerflow.core.store;

import java.util.List;

/**
 * What a workflow store answers for an organization's summary cards, in one query.
 *
 * @param activeWorkflowIds ids of the Active workflows
 * @param creators how many distinct people created the organization's workflows
 */
public record CatalogSummary(List<String> activeWorkflowIds, int creators) {
  public CatalogSummary {
    activeWorkflowIds = List.copyOf(activeWorkflowIds);
  }
}
