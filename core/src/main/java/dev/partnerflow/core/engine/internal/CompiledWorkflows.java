package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.core.validation.WorkflowValidator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled workflow versions by (organization, workflow, version), compiled once and shared by every run of that
 * version. Compiling applies the validator's structural rules only (host activation checks and the placeholder rule
 * are for activation), so a cold cache after a restart compiles what was activated even when a host check has
 * changed its mind since.
 */
public final class CompiledWorkflows {
  /**
   * Looked up on every publish and every run activation: equals and hashCode written out (a record's are generated
   * through method handles, which showed up in the throughput profile).
   */
  private static final class VersionKey {
    private final String organizationId;
    private final String workflowId;
    private final int version;
    private final int hash;

    VersionKey(String organizationId, String workflowId, int version) {
      this.organizationId = organizationId;
      this.workflowId = workflowId;
      this.version = version;
      this.hash = (organizationId.hashCode() * 31 + workflowId.hashCode()) * 31 + version;
    }

    String organizationId() {
      return organizationId;
    }

    String workflowId() {
      return workflowId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof VersionKey k && k.hash == hash && k.version == version
          && k.workflowId.equals(workflowId) && k.organizationId.equals(organizationId);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private final WorkflowStore store;
  private final WorkflowValidator validator;
  private final Map<VersionKey, CompiledWorkflow> compiled = new ConcurrentHashMap<>();

  public CompiledWorkflows(WorkflowStore store, WorkflowValidator validator) {
    this.store = store;
    this.validator = validator;
  }

  /** The compiled form of a stored workflow version (possibly broken: see {@link CompiledWorkflow#failure()}). */
  public CompiledWorkflow of(Workflow w) {
    VersionKey key = new VersionKey(w.organizationId(), w.id(), w.version());
    CompiledWorkflow cw = compiled.get(key);
    if (cw == null) {
      cw = compiled.computeIfAbsent(key, k -> CompiledWorkflow.compile(w, validator));
    }
    return cw;
  }

  /** A pinned version, or null when it no longer exists. */
  public CompiledWorkflow version(String organizationId, String workflowId, int version) {
    CompiledWorkflow cw = compiled.get(new VersionKey(organizationId, workflowId, version));
    if (cw != null) {
      return cw;
    }
    return store.findVersion(organizationId, workflowId, version).map(this::of).orElse(null);
  }

  /** Drops every version of a deleted workflow. */
  public void forget(String organizationId, String workflowId) {
    compiled.keySet().removeIf(k -> k.organizationId().equals(organizationId) && k.workflowId().equals(workflowId));
  }

  /** @throws dev.partnerflow.core.validation.InvalidWorkflowException when the graph cannot run */
  public void requireExecutable(Workflow w) {
    validator.requireExecutable(w);
  }
}
