package dev.partnerflow.jdbc.internal;

import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.store.CatalogSummary;
import dev.partnerflow.core.store.ConcurrentUpdateException;
import dev.partnerflow.core.store.Page;
import dev.partnerflow.core.store.WorkflowQuery;
import dev.partnerflow.core.store.WorkflowRef;
import dev.partnerflow.core.store.WorkflowStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Workflows in {@code pf_workflows} (the latest version's searchable columns and the active index) and
 * {@code pf_workflow_versions} (every version's document). A save is one transaction: the latest row is inserted
 * (version 1) or updated fenced by the expected version, and the version's document is inserted.
 */
public final class JdbcWorkflowStore implements WorkflowStore {
  private final DataSource ds;
  private final Dialect dialect;

  /** The database this store reads and writes, for {@link JdbcRunStore#checksActiveSets}. */
  DataSource dataSource() {
    return ds;
  }

  public JdbcWorkflowStore(DataSource ds, Dialect dialect) {
    this.ds = ds;
    this.dialect = dialect;
  }

  @Override
  public void save(Workflow workflow, String triggerType, int expectedVersion) {
    String org = workflow.organizationId();
    String id = workflow.id();
    Sql.inTransaction(ds, c -> {
      if (workflow.version() != expectedVersion + 1) {
        int actual = currentVersion(c, org, id);
        if (actual != expectedVersion) {
          throw ConcurrentUpdateException.of(org, id, expectedVersion, actual);
        }
        throw new IllegalArgumentException("workflow.version must be " + (expectedVersion + 1) + ", but was "
            + workflow.version() + " (workflow '" + id + "')");
      }
      int rows;
      if (expectedVersion == 0) {
        try (PreparedStatement ps = c.prepareStatement(dialect.insertIgnoringDuplicates(
            "INSERT INTO pf_workflows (organization_id, workflow_id, version, name_lower, stage, status, created_by,"
                + " trigger_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))) {
          bindLatest(ps, workflow, triggerType, 1);
          rows = ps.executeUpdate();
        } catch (SQLException e) {
          if (!Sql.isDuplicateKey(e)) {
            throw e;
          }
          rows = 0;
        }
      } else {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pf_workflows SET organization_id = ?,"
            + " workflow_id = ?, version = ?, name_lower = ?, stage = ?, status = ?, created_by = ?,"
            + " trigger_type = ? WHERE organization_id = ? AND workflow_id = ? AND version = ?")) {
          int i = bindLatest(ps, workflow, triggerType, 1);
          ps.setString(i++, org);
          ps.setString(i++, id);
          ps.setInt(i, expectedVersion);
          rows = ps.executeUpdate();
        }
      }
      if (rows != 1) {
        throw ConcurrentUpdateException.of(org, id, expectedVersion, currentVersion(c, org, id));
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO pf_workflow_versions (organization_id,"
          + " workflow_id, version, document) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, org);
        ps.setString(2, id);
        ps.setInt(3, workflow.version());
        ps.setString(4, WorkflowDocument.write(workflow));
        ps.executeUpdate();
      }
      return null;
    });
  }

  private static int bindLatest(PreparedStatement ps, Workflow w, String triggerType, int from) throws SQLException {
    int i = from;
    ps.setString(i++, w.organizationId());
    ps.setString(i++, w.id());
    ps.setInt(i++, w.version());
    ps.setString(i++, w.name().toLowerCase(Locale.ROOT));
    ps.setString(i++, w.metadata().stage().name());
    ps.setString(i++, w.status().wireName());
    ps.setString(i++, w.metadata().createdBy());
    ps.setString(i++, triggerType);
    return i;
  }

  private static int currentVersion(Connection c, String org, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT version FROM pf_workflows WHERE organization_id = ? AND workflow_id = ?")) {
      ps.setString(1, org);
      ps.setString(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  @Override
  public Optional<Workflow> find(String organizationId, String workflowId) {
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT v.document FROM pf_workflows w JOIN"
          + " pf_workflow_versions v ON v.organization_id = w.organization_id AND v.workflow_id = w.workflow_id"
          + " AND v.version = w.version WHERE w.organization_id = ? AND w.workflow_id = ?")) {
        ps.setString(1, organizationId);
        ps.setString(2, workflowId);
        return document(ps);
      }
    });
  }

  @Override
  public Optional<Workflow> findVersion(String organizationId, String workflowId, int version) {
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT document FROM pf_workflow_versions"
          + " WHERE organization_id = ? AND workflow_id = ? AND version = ?")) {
        ps.setString(1, organizationId);
        ps.setString(2, workflowId);
        ps.setInt(3, version);
        return document(ps);
      }
    });
  }

  private static Optional<Workflow> document(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(WorkflowDocument.read(rs.getString(1))) : Optional.empty();
    }
  }

  @Override
  public List<WorkflowRef> activeFor(String organizationId, String triggerType) {
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT workflow_id, version FROM pf_workflows"
          + " WHERE organization_id = ? AND trigger_type = ? AND status = 'active' ORDER BY workflow_id")) {
        ps.setString(1, organizationId);
        ps.setString(2, triggerType);
        List<WorkflowRef> refs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            refs.add(new WorkflowRef(rs.getString(1), rs.getInt(2)));
          }
        }
        return List.copyOf(refs);
      }
    });
  }

  @Override
  public List<String> organizationsWithActive(String triggerType) {
    return Sql.autoCommit(ds, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT organization_id FROM pf_workflows"
          + " WHERE trigger_type = ? AND status = 'active' ORDER BY organization_id")) {
        ps.setString(1, triggerType);
        List<String> orgs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            orgs.add(rs.getString(1));
          }
        }
        return List.copyOf(orgs);
      }
    });
  }

  @Override
  public Page<Workflow> list(String organizationId, WorkflowQuery query) {
    StringBuilder where = new StringBuilder(" WHERE w.organization_id = ?");
    List<String> params = new ArrayList<>();
    params.add(organizationId);
    query.search().ifPresent(s -> {
      where.append(" AND w.name_lower LIKE ? ESCAPE '\\'");
      params.add("%" + s.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
          + "%");
    });
    query.stage().ifPresent(s -> {
      where.append(" AND w.stage = ?");
      params.add(s.name());
    });
    query.status().ifPresent(s -> {
      where.append(" AND w.status = ?");
      params.add(s.wireName());
    });
    int size = query.page().size();
    int page = query.page().page();
    return Sql.autoCommit(ds, c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pf_workflows w" + where)) {
        Sql.setStrings(ps, 1, params);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<Workflow> items = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT v.document FROM pf_workflows w JOIN"
          + " pf_workflow_versions v ON v.organization_id = w.organization_id AND v.workflow_id = w.workflow_id"
          + " AND v.version = w.version" + where + " ORDER BY w.name_lower, w.workflow_id LIMIT ? OFFSET ?")) {
        int i = Sql.setStrings(ps, 1, params);
        ps.setInt(i++, size);
        ps.setLong(i, (long) page * size);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(WorkflowDocument.read(rs.getString(1)));
          }
        }
      }
      return new Page<>(items, page, size, total);
    });
  }

  @Override
  public CatalogSummary summary(String organizationId) {
    return Sql.autoCommit(ds, c -> {
      // one round trip: the creators count as the first row, then the active ids
      try (PreparedStatement ps = c.prepareStatement("SELECT NULL AS workflow_id, COUNT(DISTINCT created_by) AS n"
          + " FROM pf_workflows WHERE organization_id = ? UNION ALL SELECT workflow_id, 0 FROM pf_workflows"
          + " WHERE organization_id = ? AND status = 'active'")) {
        ps.setString(1, organizationId);
        ps.setString(2, organizationId);
        int creators = 0;
        List<String> active = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String id = rs.getString(1);
            if (id == null) {
              creators = rs.getInt(2);
            } else {
              active.add(id);
            }
          }
        }
        active.sort(null);
        return new CatalogSummary(active, creators);
      }
    });
  }

  @Override
  public boolean delete(String organizationId, String workflowId) {
    return Sql.inTransaction(ds, c -> delete(c, organizationId, workflowId));
  }

  /** Deletes in the caller's transaction. */
  boolean delete(Connection c, String organizationId, String workflowId) throws SQLException {
    int rows;
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM pf_workflows WHERE organization_id = ? AND workflow_id = ?")) {
      ps.setString(1, organizationId);
      ps.setString(2, workflowId);
      rows = ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM pf_workflow_versions WHERE organization_id = ? AND workflow_id = ?")) {
      ps.setString(1, organizationId);
      ps.setString(2, workflowId);
      ps.executeUpdate();
    }
    return rows > 0;
  }

}
