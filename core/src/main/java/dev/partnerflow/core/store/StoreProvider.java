package dev.partnerflow.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Opens stores from a {@link StoreConfig}: a URL such as {@code memory:} or {@code jdbc:postgresql://db/partnerflow},
 * or a host {@code DataSource}. Found with ServiceLoader ({@code META-INF/services/dev.partnerflow.core.store.StoreProvider},
 * or {@code provides} in a module) when the engine builder is given a store URL or data source instead of store
 * instances.
 *
 * <pre>{@code
 * WorkflowEngine.builder().storeUrl("jdbc:h2:file:./data/partnerflow").build();   // a provider on the class path
 * WorkflowEngine.builder().dataSource(myPool).storeProperty("schema.migrate", "false").build();
 * }</pre>
 *
 * <p>Stability: public SPI, implemented by store modules.
 *
 * @since 0.1
 */
public interface StoreProvider {
  /** Both stores for the configuration, or empty when this provider does not handle it. */
  Optional<Stores> open(StoreConfig config);

  /** Higher wins when several providers handle the same configuration. */
  default int priority() {
    return 0;
  }

  /**
   * A pair of stores opened together, closed together. The engine closes stores a provider opened for it.
   */
  interface Stores extends AutoCloseable {
    WorkflowStore workflows();

    RunStore runs();

    /**
     * Deletes a workflow and cancels its unfinished runs; a store that can (one database) does both in one
     * transaction. @return the runs cancelled, or -1 when the workflow did not exist
     */
    default int deleteWorkflow(String organizationId, String workflowId, Instant now, String reason) {
      if (!workflows().delete(organizationId, workflowId)) {
        return -1;
      }
      return runs().cancelAll(organizationId, workflowId, now, reason);
    }

    /** Releases what the stores hold (connections, pools). The default holds nothing. */
    @Override
    default void close() {}

    /** Two stores given by the host, which the host closes. */
    static Stores of(WorkflowStore workflows, RunStore runs) {
      java.util.Objects.requireNonNull(workflows, "workflow store must not be null");
      java.util.Objects.requireNonNull(runs, "run store must not be null");
      return new Stores() {
        @Override
        public WorkflowStore workflows() {
          return workflows;
        }

        @Override
        public RunStore runs() {
          return runs;
        }
      };
    }
  }
}
