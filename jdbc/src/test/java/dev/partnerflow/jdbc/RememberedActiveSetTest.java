package dev.partnerflow.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.event.Event;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.nodes.NodeDocumentation;
import dev.partnerflow.core.nodes.TriggerType;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.RunStatus;
import dev.partnerflow.core.store.ActiveSet;
import dev.partnerflow.core.store.CreateResult;
import dev.partnerflow.core.store.RunRecord;
import dev.partnerflow.core.store.RunStore;
import dev.partnerflow.core.store.WorkflowRef;
import dev.partnerflow.core.store.WorkflowStore;
import dev.partnerflow.core.testing.SettableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An engine on the JDBC stores remembers each organization's active workflows per trigger type and publishes with
 * one write, which the store makes only while that set still holds; changes made by another engine on the same
 * database are seen at the next event, never missed. H2 in memory here, PostgreSQL in
 * {@link PostgresRememberedActiveSetTest}.
 */
public class RememberedActiveSetTest {
  private static final String ORG = "acme";
  private static final String TYPE = "deal_sized";

  private CountingDataSource ds;
  private JdbcStores stores;
  private final SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
  private final RecordingAction action = new RecordingAction();
  private WorkflowEngine publisher;
  private WorkflowEngine other;
  private int events;

  /** The database under test: H2 in memory here. */
  protected DataSource database() {
    return TestDatabases.h2MemDataSource();
  }

  protected void dropDatabase() {}

  @BeforeEach
  void open() {
    ds = new CountingDataSource(database());
    stores = JdbcStores.builder().dataSource(ds).build();
    publisher = engine();
    other = engine();
  }

  private WorkflowEngine engine() {
    return WorkflowEngine.builder().clock(clock).executor(Runnable::run).stores(stores.workflows(), stores.runs())
        .nodeType(action).nodeType(new DealSized()).build();
  }

  @AfterEach
  void close() {
    publisher.close();
    other.close();
    stores.close();
    dropDatabase();
  }

  @Test
  void the_store_checks_active_sets_only_of_the_workflow_store_on_its_own_database() {
    assertThat(stores.runs().checksActiveSets(stores.workflows())).isTrue();
    assertThat(stores.runs().checksActiveSets(WorkflowStore.inMemory())).isFalse();
    assertThat(RunStore.inMemory().checksActiveSets(stores.workflows())).isFalse();
    try (JdbcStores elsewhere = JdbcStores.builder().dataSource(database()).build()) {
      assertThat(stores.runs().checksActiveSets(elsewhere.workflows())).isFalse();
    }
  }

  @Test
  void an_unchanged_active_set_is_not_read_again_for_the_next_event() {
    Workflow big = active(other, "big", 0);
    assertThat(publish(100)).extracting(Run::workflowId).containsExactly(big.id());
    int reads = ds.activeSetReads.get();

    assertThat(publish(100)).extracting(Run::workflowId).containsExactly(big.id());
    assertThat(publish(100)).extracting(Run::workflowId).containsExactly(big.id());

    assertThat(ds.activeSetReads.get()).as("active-set reads after the first event").isEqualTo(reads);
    assertThat(action.calls).hasSize(3);
  }

  @Test
  void a_workflow_another_engine_activates_starts_its_run_at_the_next_event() {
    Workflow first = active(other, "first", 0);
    publish(100);
    Workflow second = active(other, "second", 0);

    assertThat(publish(100)).extracting(Run::workflowId).containsExactlyInAnyOrder(first.id(), second.id());
  }

  @Test
  void a_workflow_another_engine_deactivates_starts_no_run_and_nothing_is_half_written() {
    Workflow first = active(other, "first", 0);
    Workflow second = active(other, "second", 0);
    publish(100);
    other.workflows().deactivate(ORG, first.id());

    List<Run> runs = publish(100);

    assertThat(runs).extracting(Run::workflowId).containsExactly(second.id());
    assertThat(runsOf(first)).as("runs of the deactivated workflow").isEqualTo(1);
  }

  @Test
  void a_new_version_saved_by_another_engine_is_the_one_the_next_run_pins() {
    Workflow wf = active(other, "wf", 0);
    assertThat(publish(100).get(0).workflowVersion()).isEqualTo(wf.version());
    Workflow current = other.workflows().get(ORG, wf.id());
    Workflow edited = other.workflows().save(ORG, current.withMetadata(current.metadata().withName("wf, edited")));

    Run run = publish(100).get(0);

    assertThat(edited.version()).isGreaterThan(wf.version());
    assertThat(run.workflowVersion()).isEqualTo(edited.version());
  }

  @Test
  void an_event_no_remembered_workflow_matches_reads_the_active_set_again() {
    active(other, "big deals", 1_000);
    assertThat(publish(5)).isEmpty();
    Workflow small = active(other, "small deals", 0);

    assertThat(publish(5)).extracting(Run::workflowId).containsExactly(small.id());
  }

  @Test
  void the_same_event_again_returns_its_run_even_when_the_active_set_changed() {
    Workflow wf = active(other, "wf", 0);
    Event event = event(100);
    Run first = publisher.publish(event).get(0);
    active(other, "another", 0);

    assertThat(publisher.publish(event)).filteredOn(r -> r.workflowId().equals(wf.id()))
        .extracting(Run::id).containsExactly(first.id());
  }

  @Test
  void the_store_creates_nothing_when_the_assumed_set_no_longer_holds() {
    Workflow wf = active(other, "wf", 0);
    RunStore runs = stores.runs();
    ActiveSet assumed = new ActiveSet(ORG, TYPE, List.of(new WorkflowRef(wf.id(), wf.version())));
    Instant now = clock.instant();

    assertThat(runs.createRunsIfActive(List.of(queued(wf, "e-1")), assumed, 0, "engine-a", now, now))
        .hasValueSatisfying(r -> assertThat(r).extracting(CreateResult::created).containsExactly(true));
    active(other, "newcomer", 0);
    assertThat(runs.createRunsIfActive(List.of(queued(wf, "e-2")), assumed, 0, "engine-a", now, now)).isEmpty();
    other.workflows().deactivate(ORG, wf.id());
    ActiveSet stale = new ActiveSet(ORG, TYPE, List.of(new WorkflowRef(wf.id(), wf.version())));
    assertThat(runs.createRunsIfActive(List.of(queued(wf, "e-3")), stale, 0, "engine-a", now, now)).isEmpty();
    // the same event again: its run, whatever the active set
    Optional<List<CreateResult>> again =
        runs.createRunsIfActive(List.of(queued(wf, "e-1")), stale, 0, "engine-a", now, now);
    assertThat(again).hasValueSatisfying(r -> assertThat(r).extracting(CreateResult::created).containsExactly(false));

    assertThat(runsOf(wf)).isEqualTo(1);
  }

  private RunRecord queued(Workflow wf, String eventId) {
    Instant now = clock.instant();
    return new RunRecord("run-" + eventId, ORG, wf.id(), wf.version(), new Event(eventId, ORG, TYPE, now,
        Map.of("amount", 1)), false, RunStatus.QUEUED, List.of(), Map.of(), now, now, null, null, 1);
  }

  private Workflow active(WorkflowEngine engine, String name, int minAmount) {
    Workflow wf = Workflow.builder(ORG, name).trigger(TYPE, Map.of("minAmount", minAmount))
        .then("hello", "record_call", Map.of("message", name))
        .build();
    return engine.workflows().activate(ORG, engine.workflows().create(ORG, wf).id());
  }

  private List<Run> publish(int amount) {
    return publisher.publish(event(amount));
  }

  private Event event(int amount) {
    return new Event("evt-" + ++events, ORG, TYPE, clock.instant(), Map.of("amount", amount));
  }

  private long runsOf(Workflow wf) {
    return stores.runs().list(ORG, wf.id(), dev.partnerflow.core.store.RunQuery.all()).items().size();
  }

  /** A trigger that matches deals of at least its {@code minAmount}. */
  private static final class DealSized implements TriggerType<DealSized.Config> {
    record Config(Integer minAmount) {}

    @Override
    public String name() {
      return TYPE;
    }

    @Override
    public Class<Config> configType() {
      return Config.class;
    }

    @Override
    public Config defaultConfig() {
      return new Config(0);
    }

    @Override
    public NodeDocumentation documentation() {
      return new NodeDocumentation("Deal sized", "test trigger", "test", List.of());
    }

    @Override
    public boolean matches(Config config, Event event) {
      return ((Number) event.data().get("amount")).intValue() >= config.minAmount();
    }

    @Override
    public Event sampleEvent(String organizationId, Instant now) {
      return new Event("sample", organizationId, TYPE, now, Map.of("amount", 1));
    }
  }

  /** Counts the reads of active sets ({@code activeFor}) on the connections of a real data source. */
  private static final class CountingDataSource extends ForwardingDataSource {
    final AtomicInteger activeSetReads = new AtomicInteger();

    CountingDataSource(DataSource delegate) {
      super(delegate);
    }

    private Connection counting(Connection c) {
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement") && args[0] instanceof String sql
                && sql.startsWith("SELECT workflow_id, version FROM pf_workflows")) {
              activeSetReads.incrementAndGet();
            }
            try {
              return method.invoke(c, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    @Override
    public Connection getConnection() throws SQLException {
      return counting(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return counting(delegate.getConnection(user, password));
    }
  }
}
