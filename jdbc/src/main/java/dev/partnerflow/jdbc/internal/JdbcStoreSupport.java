package dev.partnerflow.jdbc.internal;

import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/** The two stores on one data source, and what spans both (delete a workflow and cancel its runs together). */
public final class JdbcStoreSupport {
  private final DataSource ds;
  private final JdbcWorkflowStore workflows;
  private final JdbcRunStore runs;

  public JdbcStoreSupport(DataSource ds, Dialect dialect, Duration retention, java.time.Clock leaseClock) {
    this.ds = ds;
    this.workflows = new JdbcWorkflowStore(ds, dialect);
    this.runs = new JdbcRunStore(ds, dialect, retention, leaseClock);
  }

  public JdbcWorkflowStore workflows() {
    return workflows;
  }

  public JdbcRunStore runs() {
    return runs;
  }

  /** One transaction: the workflow and its versions go, its unfinished runs are cancelled. -1 when not found. */
  public int deleteWorkflow(String organizationId, String workflowId, Instant now, String reason) {
    return Sql.inTransaction(ds, c -> workflows.delete(c, organizationId, workflowId)
        ? runs.cancelAll(c, organizationId, workflowId, now, reason)
        : -1);
  }

  public int purge(Instant now) {
    return runs.purgeFinished(now);
  }
}
