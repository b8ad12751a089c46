package dev.partnerflow.examples.schedule;

import dev.partnerflow.triggers.PartnerDirectory;
import dev.partnerflow.triggers.payload.Partner;
import dev.partnerflow.triggers.payload.Person;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A {@link PartnerDirectory} over the host's own {@code partners} and {@code organizations} tables: the queries a
 * host writes for the scheduled triggers. Each is a keyset page (ordered by partner id, {@code partner_id > ?},
 * {@code LIMIT ?}) on an index that starts with the organization and the column the range is on, so the database
 * reads only the partners in range, and never the whole table.
 *
 * <pre>{@code
 * WorkflowEngine engine = WorkflowEngine.builder()
 *     .scheduledTriggers(PartnerSchedule.of(new JdbcPartnerDirectory(dataSource)))
 *     .build().start();
 * }</pre>
 */
public final class JdbcPartnerDirectory implements PartnerDirectory {
  /** The tables and indexes this directory reads (H2 and PostgreSQL). */
  public static final List<String> SCHEMA = List.of(
      "CREATE TABLE IF NOT EXISTS organizations (organization_id VARCHAR(255) PRIMARY KEY,"
          + " time_zone VARCHAR(64) NOT NULL)",
      "CREATE TABLE IF NOT EXISTS partners (organization_id VARCHAR(255) NOT NULL,"
          + " partner_id VARCHAR(255) NOT NULL, name VARCHAR(255) NOT NULL,"
          + " contact_name VARCHAR(255), contact_email VARCHAR(255),"
          + " manager_name VARCHAR(255), manager_email VARCHAR(255),"
          + " last_activity_at TIMESTAMP WITH TIME ZONE, contract_renewal_date DATE,"
          + " PRIMARY KEY (organization_id, partner_id))",
      "CREATE INDEX IF NOT EXISTS partners_last_activity ON partners (organization_id, last_activity_at,"
          + " partner_id)",
      "CREATE INDEX IF NOT EXISTS partners_renewal ON partners (organization_id, contract_renewal_date,"
          + " partner_id)");

  private static final String COLUMNS = "partner_id, name, contact_name, contact_email, manager_name,"
      + " manager_email, last_activity_at, contract_renewal_date";

  private final DataSource ds;
  private final AtomicLong queries = new AtomicLong();

  public JdbcPartnerDirectory(DataSource ds) {
    this.ds = ds;
  }

  /** Creates the tables and indexes when missing. */
  public JdbcPartnerDirectory createSchema() {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String ddl : SCHEMA) {
        s.execute(ddl);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the partners tables", e);
    }
    return this;
  }

  /** Queries issued so far (zone look-ups and pages). */
  public long queries() {
    return queries.get();
  }

  @Override
  public ZoneId zone(String organizationId) {
    queries.incrementAndGet();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT time_zone FROM organizations WHERE organization_id = ?")) {
      ps.setString(1, organizationId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? ZoneId.of(rs.getString(1)) : ZoneOffset.UTC;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the time zone of " + organizationId, e);
    }
  }

  @Override
  public List<Partner> lastActiveBetween(String organizationId, Instant from, Instant before, String afterPartnerId,
      int limit) {
    return page("SELECT " + COLUMNS + " FROM partners WHERE organization_id = ? AND last_activity_at >= ?"
        + " AND last_activity_at < ? AND partner_id > ? ORDER BY partner_id LIMIT ?", organizationId,
        OffsetDateTime.ofInstant(from, ZoneOffset.UTC), OffsetDateTime.ofInstant(before, ZoneOffset.UTC),
        afterPartnerId, limit);
  }

  @Override
  public List<Partner> renewingBetween(String organizationId, LocalDate first, LocalDate last, String afterPartnerId,
      int limit) {
    return page("SELECT " + COLUMNS + " FROM partners WHERE organization_id = ? AND contract_renewal_date >= ?"
        + " AND contract_renewal_date <= ? AND partner_id > ? ORDER BY partner_id LIMIT ?", organizationId,
        Date.valueOf(first), Date.valueOf(last), afterPartnerId, limit);
  }

  private List<Partner> page(String sql, String org, Object from, Object to, String after, int limit) {
    queries.incrementAndGet();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, org);
      ps.setObject(2, from);
      ps.setObject(3, to);
      ps.setString(4, after == null ? "" : after);
      ps.setInt(5, limit);
      List<Partner> result = new ArrayList<>(Math.min(limit, 1024));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime last = rs.getObject("last_activity_at", OffsetDateTime.class);
          Date renewal = rs.getDate("contract_renewal_date");
          Partner.Builder b = Partner.builder(rs.getString("partner_id"), rs.getString("name"))
              .lastActivityAt(last == null ? null : last.toInstant())
              .contractRenewalDate(renewal == null ? null : renewal.toLocalDate());
          if (rs.getString("contact_email") != null) {
            b.primaryContact(Person.of(rs.getString("contact_name"), rs.getString("contact_email")));
          }
          if (rs.getString("manager_email") != null) {
            b.partnerManager(Person.of(rs.getString("manager_name"), rs.getString("manager_email")));
          }
          result.add(b.build());
        }
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read partners of " + org, e);
    }
  }

  /** Adds or replaces an organization's time zone. */
  public void putOrganization(String organizationId, ZoneId zone) {
    update("MERGE INTO organizations (organization_id, time_zone) KEY (organization_id) VALUES (?, ?)",
        "INSERT INTO organizations (organization_id, time_zone) VALUES (?, ?) ON CONFLICT (organization_id)"
            + " DO UPDATE SET time_zone = EXCLUDED.time_zone", organizationId, zone.getId());
  }

  private void update(String h2, String postgres, Object... params) {
    try (Connection c = ds.getConnection()) {
      boolean pg = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
      try (PreparedStatement ps = c.prepareStatement(pg ? postgres : h2)) {
        for (int i = 0; i < params.length; i++) {
          ps.setObject(i + 1, params[i]);
        }
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
