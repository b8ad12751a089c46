package dev.partnerflow.core.store;

import dev.partnerflow.core.model.LifecycleStage;
import dev.partnerflow.core.model.WorkflowStatus;
import java.util.Optional;

/**
 * Filters of the workflow list: name search (case-insensitive substring), stage, status, and a page. Results are
 * ordered by name (case-insensitive), then id, so paging is stable.
 *
 * <pre>{@code
 * WorkflowQuery q = WorkflowQuery.all().withSearch("welcome").withStatus(WorkflowStatus.ACTIVE);
 * }</pre>
 */
public record WorkflowQuery(Optional<String> search, Optional<LifecycleStage> stage, Optional<WorkflowStatus> status,
    PageRequest page) {
  public WorkflowQuery {
    search = search == null ? Optional.empty() : search.map(String::trim).filter(s -> !s.isEmpty());
    stage = stage == null ? Optional.empty() : stage;
    status = status == null ? Optional.empty() : status;
    page = page == null ? PageRequest.FIRST : page;
  }

  public static WorkflowQuery all() {
    return new WorkflowQuery(Optional.empty(), Optional.empty(), Optional.empty(), PageRequest.FIRST);
  }

  public WorkflowQuery withSearch(String value) {
    return new WorkflowQuery(Optional.ofNullable(value), stage, status, page);
  }

  public WorkflowQuery withStage(LifecycleStage value) {
    return new WorkflowQuery(search, Optional.ofNullable(value), status, page);
  }

  public WorkflowQuery withStatus(WorkflowStatus value) {
    return new WorkflowQuery(search, stage, Optional.ofNullable(value), page);
  }

  public WorkflowQuery withPage(int number, int size) {
    return new WorkflowQuery(search, stage, status, PageRequest.of(number, size));
  }
}
