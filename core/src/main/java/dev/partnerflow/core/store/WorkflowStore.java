package dev.partnerflow.core.store;

import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.store.internal.InMemoryWorkflowStore;
import java.util.List;
import java.util.Optional;

/**
 * Where workflows and every one of their versions live. Every operation is scoped by organization: a workflow of
 * another organization does not exist for the caller.
 *
 * <p>Each change is stored as a new version; old versions stay readable because runs pin the version they started
 * on. The active index ({@link #activeFor}) must answer in time proportional to its result, not to the number of
 * workflows.
 *
 * <p>Stability: public SPI, implemented by stores. Extend {@code WorkflowStoreContract} in the core test-jar to
 * check an implementation.
 *
 * @since 0.1
 */
public interface WorkflowStore {

  /** The embedded default. */
  static WorkflowStore inMemory() {
    return new InMemoryWorkflowStore();
  }

  /**
   * Stores a version of a workflow. {@code expectedVersion} is 0 to create (the workflow must not exist) or the
   * version the change was made on (the new one must be {@code expectedVersion + 1}).
   *
   * @param triggerType the type name of the workflow's trigger node (null when it has none), for the active index
   * @throws ConcurrentUpdateException when the stored version is not {@code expectedVersion}; when creating over
   *     an existing workflow, the subclass {@link WorkflowAlreadyExistsException} (build either with
   *     {@link ConcurrentUpdateException#of})
   */
  void save(Workflow workflow, String triggerType, int expectedVersion);

  /** The latest version. */
  Optional<Workflow> find(String organizationId, String workflowId);

  /** A given version, also after the workflow moved on (but not after it was deleted). */
  Optional<Workflow> findVersion(String organizationId, String workflowId, int version);

  /**
   * The Active workflows of an organization whose trigger has this type, by id and latest version; the engine
   * reads a version's graph only when it has not compiled it yet.
   */
  List<WorkflowRef> activeFor(String organizationId, String triggerType);

  /**
   * The organizations that have at least one Active workflow whose trigger has this type, in id order: the
   * scheduler asks once at start which organizations need scheduled scans. The default throws
   * {@link UnsupportedOperationException}; the built-in stores answer from their active index.
   *
   * @since 0.2
   */
  default List<String> organizationsWithActive(String triggerType) {
    throw new UnsupportedOperationException(getClass().getName() + " does not list organizations with active "
        + "workflows; scheduled triggers need it");
  }

  /** Filtered, ordered by name (case-insensitive) then id, paged. */
  Page<Workflow> list(String organizationId, WorkflowQuery query);

  /** The summary cards' figures of an organization: its Active workflows and how many distinct creators. */
  CatalogSummary summary(String organizationId);

  /** Removes the workflow and all its versions. @return false when it did not exist */
  boolean delete(String organizationId, String workflowId);
}
