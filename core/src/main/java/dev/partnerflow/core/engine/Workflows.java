package dev.partnerflow.core.engine;

import dev.partnerflow.core.model.Node;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowMetadata;
import dev.partnerflow.core.model.WorkflowStatus;
import dev.partnerflow.core.nodes.NodeKind;
import dev.partnerflow.core.nodes.NodeType;
import dev.partnerflow.core.store.CatalogSummary;
import dev.partnerflow.core.store.Page;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.StoreProvider;
import dev.partnerflow.core.store.WorkflowQuery;
import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.core.validation.Problem;
import dev.partnerflow.core.validation.WorkflowValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow catalog of each organization: create, save versions, rename, activate, deactivate, move back to
 * Draft, delete, list and summarize. Obtained from {@link WorkflowEngine#workflows()}. Every operation takes the caller's organization; a
 * workflow of another organization is {@link NotFoundException not found}.
 *
 * <pre>{@code
 * Workflows catalog = engine.workflows();
 * Workflow draft = catalog.create("acme", Workflow.builder("acme", "Welcome").trigger("partner_created")...build());
 * catalog.activate("acme", draft.id());           // InvalidWorkflowException lists every problem
 * Page<WorkflowListing> page = catalog.list("acme", WorkflowQuery.all().withSearch("welc"));
 * }</pre>
 */
public final class Workflows {
  private static final Logger log = LoggerFactory.getLogger(Workflows.class);
  /** The window of "minutes saved per week". */
  public static final Duration WEEK = Duration.ofDays(7);

  private final WorkflowStore store;
  private final RunStore runs;
  private final StoreProvider.Stores stores;
  private final WorkflowValidator validator;
  private final Clock clock;
  private final BiConsumer<String, String> onDelete;
  private final BiConsumer<String, String> onActive;

  Workflows(WorkflowStore store, RunStore runs, StoreProvider.Stores stores, WorkflowValidator validator,
      Clock clock, BiConsumer<String, String> onDelete, BiConsumer<String, String> onActive) {
    this.store = store;
    this.runs = runs;
    this.stores = stores;
    this.validator = validator;
    this.clock = clock;
    this.onDelete = onDelete;
    this.onActive = onActive;
  }

  /**
   * Stores a new workflow of the caller's organization as a Draft, version 1, stamped with the engine clock. A
   * draft may have problems.
   *
   * @param organizationId the caller's organization; the workflow must belong to it
   * @throws IllegalArgumentException when the workflow names another organization
   * @throws dev.partnerflow.core.store.ConcurrentUpdateException when the id is taken in the organization
   */
  public Workflow create(String organizationId, Workflow workflow) {
    Objects.requireNonNull(organizationId, "organizationId must not be null");
    Objects.requireNonNull(workflow, "workflow must not be null");
    if (!workflow.organizationId().equals(organizationId)) {
      throw new IllegalArgumentException("workflow.organizationId must be the caller's organization '"
          + organizationId + "', but was '" + workflow.organizationId() + "' (workflow '" + workflow.id() + "')");
    }
    Instant now = clock.instant();
    WorkflowMetadata m = workflow.metadata();
    WorkflowMetadata stored = new WorkflowMetadata(m.id(), m.organizationId(), m.name(), m.description(), m.stage(),
        WorkflowStatus.DRAFT, m.createdBy(), Optional.of(now), Optional.of(now), 1);
    Workflow result = workflow.withMetadata(stored);
    store.save(result, triggerType(result), 0);
    return result;
  }

  /**
   * Saves an edited workflow as a new version. {@code edited.version()} must be the version the edit started from;
   * status, creator and creation time are kept from the stored workflow. Runs in flight keep their version.
   *
   * @throws NotFoundException when the workflow is not in the organization
   * @throws dev.partnerflow.core.store.ConcurrentUpdateException when someone saved a newer version first
   * @throws dev.partnerflow.core.validation.InvalidWorkflowException when the workflow is Active and the new graph
   *     has problems
   */
  public Workflow save(String organizationId, Workflow edited) {
    Objects.requireNonNull(edited, "workflow must not be null");
    Workflow current = get(organizationId, edited.id());
    if (!edited.organizationId().equals(organizationId)) {
      throw new NotFoundException("workflow", organizationId, edited.id());
    }
    WorkflowMetadata e = edited.metadata();
    WorkflowMetadata c = current.metadata();
    WorkflowMetadata next = new WorkflowMetadata(c.id(), c.organizationId(), e.name(), e.description(), e.stage(),
        c.status(), c.createdBy(), c.createdAt(), Optional.of(clock.instant()), e.version() + 1);
    Workflow result = new Workflow(next, edited.graph());
    if (result.status() == WorkflowStatus.ACTIVE) {
      validator.requireValid(result);
    }
    String trigger = triggerType(result);
    store.save(result, trigger, e.version());
    if (result.status() == WorkflowStatus.ACTIVE) {
      onActive.accept(organizationId, trigger);
    }
    return result;
  }

  /** The latest version. @throws NotFoundException when not in the organization */
  public Workflow get(String organizationId, String workflowId) {
    return store.find(organizationId, workflowId)
        .orElseThrow(() -> new NotFoundException("workflow", organizationId, workflowId));
  }

  /** A given version. @throws NotFoundException when it does not exist in the organization */
  public Workflow getVersion(String organizationId, String workflowId, int version) {
    return store.findVersion(organizationId, workflowId, version)
        .orElseThrow(() -> new NotFoundException("workflow", organizationId, workflowId + " v" + version));
  }

  /** Renames (a new version). @throws IllegalArgumentException when the name breaks its rule */
  public Workflow rename(String organizationId, String workflowId, String newName) {
    Workflow current = get(organizationId, workflowId);
    return change(current, current.metadata().withName(newName));
  }

  /**
   * Makes a workflow Active: it runs on matching events from now on.
   *
   * @throws dev.partnerflow.core.validation.InvalidWorkflowException listing every problem of the graph
   */
  public Workflow activate(String organizationId, String workflowId) {
    Workflow current = get(organizationId, workflowId);
    validator.requireValid(current);
    if (current.status() == WorkflowStatus.ACTIVE) {
      return current;
    }
    Workflow result = change(current, current.metadata().withStatus(WorkflowStatus.ACTIVE));
    onActive.accept(organizationId, triggerType(result));
    return result;
  }

  /** Makes a workflow Inactive: no new runs; runs in flight go on. Reactivate with {@link #activate}. */
  public Workflow deactivate(String organizationId, String workflowId) {
    Workflow current = get(organizationId, workflowId);
    if (current.status() == WorkflowStatus.INACTIVE) {
      return current;
    }
    return change(current, current.metadata().withStatus(WorkflowStatus.INACTIVE));
  }

  /**
   * Moves a workflow back to Draft (a new version), for example to rework it: like Inactive it starts no new runs,
   * and runs in flight go on with their version; unlike Inactive it is listed with the drafts. Make it run again with
   * {@link #activate}. A workflow already in Draft is returned unchanged (no new version).
   *
   * @param organizationId the caller's organization
   * @param workflowId the workflow to move back
   * @return the latest version, now in Draft
   * @throws NotFoundException when the workflow is not in the organization
   * @since 0.1
   */
  public Workflow toDraft(String organizationId, String workflowId) {
    Workflow current = get(organizationId, workflowId);
    if (current.status() == WorkflowStatus.DRAFT) {
      return current;
    }
    return change(current, current.metadata().withStatus(WorkflowStatus.DRAFT));
  }

  /**
   * Sets any of the three statuses: {@link #activate} for Active (validated), {@link #deactivate} for Inactive,
   * {@link #toDraft} for Draft. For a status toggle that offers all three.
   *
   * @throws NotFoundException when the workflow is not in the organization
   * @throws dev.partnerflow.core.validation.InvalidWorkflowException when {@code status} is Active and the graph has
   *     problems (every one listed); the workflow keeps its status
   * @since 0.1
   */
  public Workflow setStatus(String organizationId, String workflowId, WorkflowStatus status) {
    Objects.requireNonNull(status, "status must not be null");
    return switch (status) {
      case ACTIVE -> activate(organizationId, workflowId);
      case INACTIVE -> deactivate(organizationId, workflowId);
      case DRAFT -> toDraft(organizationId, workflowId);
    };
  }

  /** Problems of the latest version (empty when it could be activated). */
  public List<Problem> validate(String organizationId, String workflowId) {
    return validator.validate(get(organizationId, workflowId));
  }

  private Workflow change(Workflow current, WorkflowMetadata changed) {
    WorkflowMetadata next = changed.stored(current.version() + 1, clock.instant(), clock.instant());
    Workflow result = current.withMetadata(next);
    store.save(result, triggerType(result), current.version());
    return result;
  }

  /**
   * Deletes a workflow permanently: no future runs, and every run not yet finished is cancelled.
   *
   * @throws NotFoundException when not in the organization
   */
  public void delete(String organizationId, String workflowId) {
    int cancelled = stores.deleteWorkflow(organizationId, workflowId, clock.instant(), "workflow deleted");
    if (cancelled < 0) {
      throw new NotFoundException("workflow", organizationId, workflowId);
    }
    onDelete.accept(organizationId, workflowId);
    log.info("Deleted workflow {} of organization {}; cancelled {} unfinished run(s)", workflowId, organizationId,
        cancelled);
  }

  /** The workflow list: search, filters, stable order, paging, with each workflow's minutes saved per week. */
  public Page<WorkflowListing> list(String organizationId, WorkflowQuery query) {
    Page<Workflow> page = store.list(organizationId, query);
    Map<String, Long> minutes = runs.minutesSaved(organizationId,
        page.items().stream().map(Workflow::id).toList(), weekAgo());
    List<WorkflowListing> rows = page.items().stream()
        .map(w -> new WorkflowListing(w.metadata(), Optional.ofNullable(triggerType(w)),
            minutes.getOrDefault(w.id(), 0L)))
        .toList();
    return new Page<>(rows, page.page(), page.size(), page.total());
  }

  /** Minutes saved in the last 7 days by the workflow's successful, non-test steps. */
  public long minutesSavedPerWeek(String organizationId, String workflowId) {
    get(organizationId, workflowId);
    return runs.minutesSaved(organizationId, workflowId, weekAgo());
  }

  /**
   * The three summary cards: active workflows, distinct creators, minutes saved per week over active workflows;
   * answered by the stores in two queries.
   */
  public WorkflowsSummary summary(String organizationId) {
    CatalogSummary catalog = store.summary(organizationId);
    long minutes = runs.minutesSaved(organizationId, catalog.activeWorkflowIds(), weekAgo()).values().stream()
        .mapToLong(Long::longValue).sum();
    return new WorkflowsSummary(catalog.activeWorkflowIds().size(), catalog.creators(), minutes);
  }

  /** The start of the minutes-saved window: 7 days ago, on the minute (stores count whole minutes). */
  private Instant weekAgo() {
    return clock.instant().minus(WEEK).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
  }

  private String triggerType(Workflow workflow) {
    String found = null;
    for (Node node : workflow.graph().nodes()) {
      Optional<NodeType<?>> type = validator.registry().find(node.type());
      if (type.isPresent() && type.get().kind() == NodeKind.TRIGGER) {
        if (found != null) {
          return null;
        }
        found = node.type();
      }
    }
    return found;
  }
}
