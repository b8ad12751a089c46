package dev.partnerflow.core.store.internal;

import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowStatus;
import dev.partnerflow.core.store.CatalogSummary;
import dev.partnerflow.core.store.ConcurrentUpdateException;
import dev.partnerflow.core.store.Page;
import dev.partnerflow.core.store.WorkflowQuery;
import dev.partnerflow.core.store.WorkflowRef;
import dev.partnerflow.core.store.WorkflowStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workflows in memory. Writes take one lock (they are rare); reads see immutable snapshots without locking. The
 * active index maps organization and trigger type to the active workflows, so dispatch never scans.
 */
public final class InMemoryWorkflowStore implements WorkflowStore {
  private record Key(String organizationId, String workflowId) {}

  private record Entry(List<Workflow> versions, String triggerType) {
    Workflow latest() {
      return versions.get(versions.size() - 1);
    }
  }

  private static final Comparator<Workflow> ORDER = Comparator
      .comparing((Workflow w) -> w.name().toLowerCase(Locale.ROOT))
      .thenComparing(Workflow::id);

  private final Map<Key, Entry> workflows = new ConcurrentHashMap<>();
  private final Map<String, Map<String, List<WorkflowRef>>> active = new ConcurrentHashMap<>();
  private final Object writeLock = new Object();

  @Override
  public void save(Workflow workflow, String triggerType, int expectedVersion) {
    Key key = new Key(workflow.organizationId(), workflow.id());
    synchronized (writeLock) {
      Entry current = workflows.get(key);
      int actual = current == null ? 0 : current.latest().version();
      if (actual != expectedVersion) {
        throw ConcurrentUpdateException.of(workflow.organizationId(), workflow.id(), expectedVersion, actual);
      }
      if (workflow.version() != expectedVersion + 1) {
        throw new IllegalArgumentException("workflow.version must be " + (expectedVersion + 1) + ", but was "
            + workflow.version() + " (workflow '" + workflow.id() + "')");
      }
      List<Workflow> versions = new ArrayList<>(current == null ? List.of() : current.versions());
      versions.add(workflow);
      Entry next = new Entry(List.copyOf(versions), triggerType);
      workflows.put(key, next);
      if (current != null) {
        reindex(workflow.organizationId(), current.triggerType(), workflow.id(), null);
      }
      reindex(workflow.organizationId(), triggerType, workflow.id(),
          workflow.status() == WorkflowStatus.ACTIVE ? new WorkflowRef(workflow.id(), workflow.version()) : null);
    }
  }

  /** Replaces the workflow's entry in the (organization, trigger type) list; O(size of that list). */
  private void reindex(String organizationId, String triggerType, String workflowId, WorkflowRef activeVersion) {
    if (triggerType == null) {
      return;
    }
    Map<String, List<WorkflowRef>> byType = active.computeIfAbsent(organizationId, k -> new ConcurrentHashMap<>());
    List<WorkflowRef> matches = new ArrayList<>(byType.getOrDefault(triggerType, List.of()));
    matches.removeIf(w -> w.workflowId().equals(workflowId));
    if (activeVersion != null) {
      matches.add(activeVersion);
      matches.sort(Comparator.comparing(WorkflowRef::workflowId));
    }
    if (matches.isEmpty()) {
      byType.remove(triggerType);
    } else {
      byType.put(triggerType, List.copyOf(matches));
    }
  }

  @Override
  public Optional<Workflow> find(String organizationId, String workflowId) {
    Entry entry = workflows.get(new Key(organizationId, workflowId));
    return entry == null ? Optional.empty() : Optional.of(entry.latest());
  }

  @Override
  public Optional<Workflow> findVersion(String organizationId, String workflowId, int version) {
    Entry entry = workflows.get(new Key(organizationId, workflowId));
    if (entry == null || version < 1 || version > entry.versions().size()) {
      return Optional.empty();
    }
    return Optional.of(entry.versions().get(version - 1));
  }

  @Override
  public List<WorkflowRef> activeFor(String organizationId, String triggerType) {
    Map<String, List<WorkflowRef>> byType = active.get(organizationId);
    if (byType == null) {
      return List.of();
    }
    return byType.getOrDefault(triggerType, List.of());
  }

  @Override
  public List<String> organizationsWithActive(String triggerType) {
    List<String> result = new ArrayList<>();
    active.forEach((org, byType) -> {
      if (byType.containsKey(triggerType)) {
        result.add(org);
      }
    });
    result.sort(Comparator.naturalOrder());
    return result;
  }

  @Override
  public Page<Workflow> list(String organizationId, WorkflowQuery query) {
    String needle = query.search().map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
    List<Workflow> matches = new ArrayList<>();
    for (Map.Entry<Key, Entry> e : workflows.entrySet()) {
      if (!e.getKey().organizationId().equals(organizationId)) {
        continue;
      }
      Workflow w = e.getValue().latest();
      if ((needle == null || w.name().toLowerCase(Locale.ROOT).contains(needle))
          && query.stage().map(s -> s == w.metadata().stage()).orElse(true)
          && query.status().map(s -> s == w.status()).orElse(true)) {
        matches.add(w);
      }
    }
    matches.sort(ORDER);
    return Page.of(matches, query.page().page(), query.page().size());
  }

  @Override
  public CatalogSummary summary(String organizationId) {
    List<String> activeIds = new ArrayList<>();
    Set<String> creators = new HashSet<>();
    for (Map.Entry<Key, Entry> e : workflows.entrySet()) {
      if (e.getKey().organizationId().equals(organizationId)) {
        Workflow w = e.getValue().latest();
        creators.add(w.metadata().createdBy());
        if (w.status() == WorkflowStatus.ACTIVE) {
          activeIds.add(w.id());
        }
      }
    }
    activeIds.sort(Comparator.naturalOrder());
    return new CatalogSummary(activeIds, creators.size());
  }

  @Override
  public boolean delete(String organizationId, String workflowId) {
    synchronized (writeLock) {
      Entry removed = workflows.remove(new Key(organizationId, workflowId));
      if (removed == null) {
        return false;
      }
      reindex(organizationId, removed.triggerType(), workflowId, null);
      return true;
    }
  }
}
