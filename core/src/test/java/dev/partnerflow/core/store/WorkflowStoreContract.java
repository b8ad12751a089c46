package dev.partnerflow.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.core.model.LifecycleStage;
import dev.partnerflow.core.model.Workflow;
import dev.partnerflow.core.model.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link WorkflowStore} must have. A store implementation checks itself by extending this class
 * (shipped in the core test-jar) and returning a fresh, empty store from {@link #newStore()}.
 *
 * <pre>{@code
 * class JdbcWorkflowStoreTest extends WorkflowStoreContract {
 *   protected WorkflowStore newStore() {
 *     return new JdbcWorkflowStore(freshDataSource());
 *   }
 * }
 * }</pre>
 */
public abstract class WorkflowStoreContract {
  protected static final String ORG = "acme";
  protected static final String OTHER_ORG = "globex";
  protected static final String PARTNER_CREATED = "partner_created";
  protected static final String DEAL_REGISTERED = "deal_registered";

  /** A fresh store with no workflows, called once per test. */
  protected abstract WorkflowStore newStore();

  protected WorkflowStore store;

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  protected static Workflow workflow(String org, String id, String name, WorkflowStatus status, int version) {
    return workflow(org, id, name, status, LifecycleStage.ONBOARD, version, PARTNER_CREATED);
  }

  protected static Workflow workflow(String org, String id, String name, WorkflowStatus status,
      LifecycleStage stage, int version, String triggerType) {
    return Workflow.builder(org, name)
        .id(id)
        .status(status)
        .stage(stage)
        .version(version)
        .trigger(triggerType)
        .build();
  }

  /** Stores version 1 with trigger type {@code partner_created}. */
  protected Workflow create(String org, String id, String name, WorkflowStatus status) {
    Workflow wf = workflow(org, id, name, status, 1);
    store.save(wf, PARTNER_CREATED, 0);
    return wf;
  }

  /** Stores the next version of {@code current} with a new status and trigger type. */
  protected Workflow update(Workflow current, WorkflowStatus status, String triggerType) {
    Workflow next = workflow(current.organizationId(), current.id(), current.name(), status,
        current.metadata().stage(), current.version() + 1, triggerType);
    store.save(next, triggerType, current.version());
    return next;
  }

  private static WorkflowRef ref(Workflow w) {
    return new WorkflowRef(w.id(), w.version());
  }

  private static List<String> ids(List<Workflow> workflows) {
    return workflows.stream().map(Workflow::id).toList();
  }

  // ---- save and versions ---------------------------------------------------------------------------------------

  @Test
  void save_with_expected_version_0_creates_version_1() {
    Workflow v1 = workflow(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT, 1);

    store.save(v1, PARTNER_CREATED, 0);

    assertThat(store.find(ORG, "wf-1")).contains(v1);
    assertThat(store.findVersion(ORG, "wf-1", 1)).contains(v1);
  }

  @Test
  void second_create_with_same_id_fails_saying_the_id_exists_and_keeps_the_first() {
    Workflow first = create(ORG, "wf-1", "First", WorkflowStatus.DRAFT);
    Workflow second = workflow(ORG, "wf-1", "Second", WorkflowStatus.ACTIVE, 1);

    assertThatThrownBy(() -> store.save(second, PARTNER_CREATED, 0))
        .isInstanceOf(ConcurrentUpdateException.class)
        .isInstanceOf(WorkflowAlreadyExistsException.class)
        .hasMessageContaining("a workflow with the id 'wf-1' already exists in organization '" + ORG + "'")
        .hasMessageNotContaining("the change was made on version 0");

    assertThat(store.find(ORG, "wf-1")).contains(first);
    assertThat(store.activeFor(ORG, PARTNER_CREATED)).isEmpty();
  }

  @Test
  void save_on_expected_version_1_stores_version_2() {
    Workflow v1 = create(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT);
    Workflow v2 = workflow(ORG, "wf-1", "Welcome partners", WorkflowStatus.DRAFT, 2);

    store.save(v2, PARTNER_CREATED, 1);

    assertThat(store.find(ORG, "wf-1")).contains(v2);
    assertThat(store.findVersion(ORG, "wf-1", 1)).contains(v1);
    assertThat(store.findVersion(ORG, "wf-1", 2)).contains(v2);
  }

  @Test
  void save_on_stale_expected_version_fails_and_changes_nothing() {
    create(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT);
    Workflow winner = workflow(ORG, "wf-1", "Edited by Maria", WorkflowStatus.DRAFT, 2);
    store.save(winner, PARTNER_CREATED, 1);
    Workflow loser = workflow(ORG, "wf-1", "Edited by Ben", WorkflowStatus.ACTIVE, 2);

    assertThatThrownBy(() -> store.save(loser, PARTNER_CREATED, 1))
        .isInstanceOf(ConcurrentUpdateException.class);

    assertThat(store.find(ORG, "wf-1")).contains(winner);
    assertThat(store.findVersion(ORG, "wf-1", 2)).contains(winner);
    assertThat(store.findVersion(ORG, "wf-1", 3)).isEmpty();
    assertThat(store.activeFor(ORG, PARTNER_CREATED)).isEmpty();
    assertThat(store.list(ORG, WorkflowQuery.all()).items()).containsExactly(winner);
  }

  @Test
  void save_on_expected_version_of_a_missing_workflow_fails_with_concurrent_update() {
    Workflow v2 = workflow(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT, 2);

    assertThatThrownBy(() -> store.save(v2, PARTNER_CREATED, 1))
        .isInstanceOf(ConcurrentUpdateException.class);

    assertThat(store.find(ORG, "wf-1")).isEmpty();
  }

  @Test
  void save_with_version_other_than_expected_plus_one_is_rejected_and_changes_nothing() {
    Workflow v1 = create(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT);
    Workflow skipping = workflow(ORG, "wf-1", "Skips a version", WorkflowStatus.ACTIVE, 3);
    Workflow repeating = workflow(ORG, "wf-1", "Repeats a version", WorkflowStatus.ACTIVE, 1);

    assertThatThrownBy(() -> store.save(skipping, PARTNER_CREATED, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.save(repeating, PARTNER_CREATED, 1))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.find(ORG, "wf-1")).contains(v1);
    assertThat(store.findVersion(ORG, "wf-1", 2)).isEmpty();
    assertThat(store.findVersion(ORG, "wf-1", 3)).isEmpty();
    assertThat(store.activeFor(ORG, PARTNER_CREATED)).isEmpty();
  }

  @Test
  void create_with_version_other_than_1_is_rejected() {
    Workflow v2 = workflow(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT, 2);

    assertThatThrownBy(() -> store.save(v2, PARTNER_CREATED, 0))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.find(ORG, "wf-1")).isEmpty();
  }

  @Test
  void find_returns_the_latest_version() {
    Workflow v1 = create(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT);
    Workflow v2 = update(v1, WorkflowStatus.ACTIVE, PARTNER_CREATED);
    Workflow v3 = update(v2, WorkflowStatus.INACTIVE, PARTNER_CREATED);

    assertThat(store.find(ORG, "wf-1")).contains(v3);
  }

  @Test
  void find_version_returns_old_versions_after_the_workflow_moved_on() {
    Workflow v1 = create(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT);
    Workflow v2 = update(v1, WorkflowStatus.ACTIVE, PARTNER_CREATED);
    Workflow v3 = update(v2, WorkflowStatus.INACTIVE, DEAL_REGISTERED);

    assertThat(store.findVersion(ORG, "wf-1", 1)).contains(v1);
    assertThat(store.findVersion(ORG, "wf-1", 2)).contains(v2);
    assertThat(store.findVersion(ORG, "wf-1", 3)).contains(v3);
    assertThat(store.findVersion(ORG, "wf-1", 4)).isEmpty();
    assertThat(store.findVersion(ORG, "wf-1", 0)).isEmpty();
  }

  @Test
  void find_of_an_unknown_workflow_is_empty() {
    assertThat(store.find(ORG, "nope")).isEmpty();
    assertThat(store.findVersion(ORG, "nope", 1)).isEmpty();
  }

  @Test
  void concurrent_saves_on_the_same_version_let_exactly_one_win() throws Exception {
    create(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Workflow edit = workflow(ORG, "wf-1", "Edit " + i, WorkflowStatus.DRAFT, 2);
        results.add(pool.submit(() -> {
          ready.countDown();
          start.await();
          try {
            store.save(edit, PARTNER_CREATED, 1);
            return true;
          } catch (ConcurrentUpdateException e) {
            return false;
          }
        }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      start.countDown();
      int wins = 0;
      for (Future<Boolean> f : results) {
        wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }

      assertThat(wins).isEqualTo(1);
      assertThat(store.find(ORG, "wf-1")).get().extracting(Workflow::version).isEqualTo(2);
      assertThat(store.findVersion(ORG, "wf-1", 3)).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- organization scoping ------------------------------------------------------------------------------------

  @Test
  void another_organizations_workflow_does_not_exist_for_the_caller() {
    create(ORG, "wf-1", "Welcome", WorkflowStatus.ACTIVE);

    assertThat(store.find(OTHER_ORG, "wf-1")).isEmpty();
    assertThat(store.findVersion(OTHER_ORG, "wf-1", 1)).isEmpty();
    assertThat(store.activeFor(OTHER_ORG, PARTNER_CREATED)).isEmpty();
    assertThat(store.summary(OTHER_ORG).activeWorkflowIds()).isEmpty();
    Page<Workflow> page = store.list(OTHER_ORG, WorkflowQuery.all());
    assertThat(page.items()).isEmpty();
    assertThat(page.total()).isZero();
    assertThat(store.list(OTHER_ORG, WorkflowQuery.all().withSearch("welcome")).items()).isEmpty();
  }

  @Test
  void delete_of_another_organizations_workflow_returns_false_and_keeps_it() {
    Workflow wf = create(ORG, "wf-1", "Welcome", WorkflowStatus.ACTIVE);

    assertThat(store.delete(OTHER_ORG, "wf-1")).isFalse();

    assertThat(store.find(ORG, "wf-1")).contains(wf);
    assertThat(store.activeFor(ORG, PARTNER_CREATED)).containsExactly(ref(wf));
  }

  @Test
  void the_same_id_in_two_organizations_names_two_independent_workflows() {
    Workflow ours = create(ORG, "wf-1", "Ours", WorkflowStatus.ACTIVE);
    Workflow theirs = create(OTHER_ORG, "wf-1", "Theirs", WorkflowStatus.DRAFT);
    Workflow theirsV2 = update(theirs, WorkflowStatus.ACTIVE, DEAL_REGISTERED);

    assertThat(store.find(ORG, "wf-1")).contains(ours);
    assertThat(store.find(OTHER_ORG, "wf-1")).contains(theirsV2);
    assertThat(store.findVersion(ORG, "wf-1", 2)).isEmpty();
    assertThat(store.activeFor(ORG, PARTNER_CREATED)).containsExactly(ref(ours));
    assertThat(store.activeFor(ORG, DEAL_REGISTERED)).isEmpty();
    assertThat(store.activeFor(OTHER_ORG, DEAL_REGISTERED)).containsExactly(ref(theirsV2));

    assertThat(store.delete(OTHER_ORG, "wf-1")).isTrue();
    assertThat(store.find(ORG, "wf-1")).contains(ours);
  }

  // ---- active index --------------------------------------------------------------------------------------------

  @Test
  void active_for_returns_only_active_workflows_of_that_organization_and_trigger_type() {
    Workflow active = create(ORG, "wf-active", "Active", WorkflowStatus.ACTIVE);
    create(ORG, "wf-draft", "Draft", WorkflowStatus.DRAFT);
    create(ORG, "wf-inactive", "Inactive", WorkflowStatus.INACTIVE);
    Workflow deals = workflow(ORG, "wf-deals", "Deals", WorkflowStatus.ACTIVE, LifecycleStage.EXECUTE, 1,
        DEAL_REGISTERED);
    store.save(deals, DEAL_REGISTERED, 0);
    create(OTHER_ORG, "wf-other", "Other", WorkflowStatus.ACTIVE);

    assertThat(store.activeFor(ORG, PARTNER_CREATED)).containsExactly(ref(active));
    assertThat(store.activeFor(ORG, DEAL_REGISTERED)).containsExactly(ref(deals));
    assertThat(store.activeFor(ORG, "mdf_requested")).isEmpty();
    assertThat(store.activeFor(OTHER_ORG, PARTNER_CREATED)).extracting(WorkflowRef::workflowId).containsExactly("wf-other");
  }

  @Test
  void active_for_returns_several_matching_workflows() {
    Workflow a = create(ORG, "wf-a", "Alpha", WorkflowStatus.ACTIVE);
    Workflow b = create(ORG, "wf-b", "Beta", WorkflowStatus.ACTIVE);

    assertThat(store.activeFor(ORG, PARTNER_CREATED)).containsExactlyInAnyOrder(ref(a), ref(b));
  }

  @Test
  void active_for_returns_the_latest_version() {
    Workflow v1 = create(ORG, "wf-1", "Welcome", WorkflowStatus.ACTIVE);
    Workflow v2 = update(v1, WorkflowStatus.ACTIVE, PARTNER_CREATED);

    assertThat(store.activeFor(ORG, PARTNER_CREATED)).containsExactly(ref(v2));
  }

  @Test
  void active_for_follows_activation_deactivation_and_reactivation() {
    Workflow v1 = create(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT);
    assertThat(store.activeFor(ORG, PARTNER_CREATED)).isEmpty();

    Workflow v2 = update(v1, WorkflowStatus.ACTIVE, PARTNER_CREATED);
    assertThat(store.activeFor(ORG, PARTNER_CREATED)).containsExactly(ref(v2));

    Workflow v3 = update(v2, WorkflowStatus.INACTIVE, PARTNER_CREATED);
    assertThat(store.activeFor(ORG, PARTNER_CREATED)).isEmpty();
    assertThat(store.summary(ORG).activeWorkflowIds()).isEmpty();

    Workflow v4 = update(v3, WorkflowStatus.ACTIVE, PARTNER_CREATED);
    assertThat(store.activeFor(ORG, PARTNER_CREATED)).containsExactly(ref(v4));
    assertThat(store.summary(ORG).activeWorkflowIds()).containsExactly(v4.id());
  }

  @Test
  void active_for_drops_a_deleted_workflow() {
    create(ORG, "wf-1", "Welcome", WorkflowStatus.ACTIVE);
    Workflow kept = create(ORG, "wf-2", "Kept", WorkflowStatus.ACTIVE);

    assertThat(store.delete(ORG, "wf-1")).isTrue();

    assertThat(store.activeFor(ORG, PARTNER_CREATED)).containsExactly(ref(kept));
    assertThat(store.summary(ORG).activeWorkflowIds()).containsExactly(kept.id());
  }

  @Test
  void active_for_follows_a_change_of_trigger_type() {
    Workflow v1 = create(ORG, "wf-1", "Welcome", WorkflowStatus.ACTIVE);

    Workflow v2 = update(v1, WorkflowStatus.ACTIVE, DEAL_REGISTERED);

    assertThat(store.activeFor(ORG, PARTNER_CREATED)).isEmpty();
    assertThat(store.activeFor(ORG, DEAL_REGISTERED)).containsExactly(ref(v2));
    assertThat(store.summary(ORG).activeWorkflowIds()).containsExactly(v2.id());
  }

  @Test
  void active_for_drops_a_workflow_whose_trigger_was_removed() {
    Workflow v1 = create(ORG, "wf-1", "Welcome", WorkflowStatus.ACTIVE);
    Workflow v2 = workflow(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT, 2);

    store.save(v2, null, v1.version());

    assertThat(store.activeFor(ORG, PARTNER_CREATED)).isEmpty();
    assertThat(store.find(ORG, "wf-1")).contains(v2);
  }

  @Test
  void summary_lists_every_active_workflow_and_counts_distinct_creators_of_the_organization() {
    Workflow welcome = create(ORG, "wf-welcome", "Welcome", WorkflowStatus.DRAFT);
    Workflow welcomeV2 = update(welcome, WorkflowStatus.ACTIVE, PARTNER_CREATED);
    Workflow deals = workflow(ORG, "wf-deals", "Deals", WorkflowStatus.ACTIVE, LifecycleStage.EXECUTE, 1,
        DEAL_REGISTERED);
    store.save(deals, DEAL_REGISTERED, 0);
    create(ORG, "wf-draft", "Draft", WorkflowStatus.DRAFT);
    create(ORG, "wf-inactive", "Inactive", WorkflowStatus.INACTIVE);
    create(OTHER_ORG, "wf-other", "Other", WorkflowStatus.ACTIVE);

    assertThat(store.summary(ORG).activeWorkflowIds()).containsExactlyInAnyOrder(welcomeV2.id(), deals.id());
    assertThat(store.summary(OTHER_ORG).activeWorkflowIds()).containsExactly("wf-other");
  }

  @Test
  void summary_counts_distinct_creators_of_every_workflow_of_the_organization_whatever_its_status() {
    for (String[] w : new String[][] {{"wf-1", "ana", "ACTIVE"}, {"wf-2", "ben", "DRAFT"}, {"wf-3", "ana", "INACTIVE"}}) {
      store.save(Workflow.builder(ORG, w[0]).id(w[0]).createdBy(w[1]).status(WorkflowStatus.valueOf(w[2]))
          .trigger(PARTNER_CREATED).build(), PARTNER_CREATED, 0);
    }
    store.save(Workflow.builder(OTHER_ORG, "theirs").id("theirs").createdBy("zoe").trigger(PARTNER_CREATED).build(),
        PARTNER_CREATED, 0);

    assertThat(store.summary(ORG)).isEqualTo(new CatalogSummary(List.of("wf-1"), 2));
    assertThat(store.summary(OTHER_ORG).creators()).isEqualTo(1);
    assertThat(store.summary("nobody")).isEqualTo(new CatalogSummary(List.of(), 0));
  }

  // ---- list ----------------------------------------------------------------------------------------------------

  @Test
  void list_searches_names_by_case_insensitive_substring() {
    create(ORG, "wf-1", "Welcome new partners", WorkflowStatus.DRAFT);
    create(ORG, "wf-2", "Deal WELCOME kit", WorkflowStatus.ACTIVE);
    create(ORG, "wf-3", "Quarterly review", WorkflowStatus.DRAFT);

    assertThat(ids(store.list(ORG, WorkflowQuery.all().withSearch("welcome")).items()))
        .containsExactly("wf-2", "wf-1");
    assertThat(ids(store.list(ORG, WorkflowQuery.all().withSearch("  eLcOm ")).items()))
        .containsExactly("wf-2", "wf-1");
    assertThat(ids(store.list(ORG, WorkflowQuery.all().withSearch("review")).items())).containsExactly("wf-3");
    assertThat(store.list(ORG, WorkflowQuery.all().withSearch("onboarding")).items()).isEmpty();
    assertThat(store.list(ORG, WorkflowQuery.all().withSearch("onboarding")).total()).isZero();
  }

  @Test
  void list_filters_by_stage() {
    store.save(workflow(ORG, "wf-1", "Recruit A", WorkflowStatus.DRAFT, LifecycleStage.RECRUIT, 1,
        PARTNER_CREATED), PARTNER_CREATED, 0);
    store.save(workflow(ORG, "wf-2", "Onboard B", WorkflowStatus.ACTIVE, LifecycleStage.ONBOARD, 1,
        PARTNER_CREATED), PARTNER_CREATED, 0);
    store.save(workflow(ORG, "wf-3", "Recruit C", WorkflowStatus.ACTIVE, LifecycleStage.RECRUIT, 1,
        PARTNER_CREATED), PARTNER_CREATED, 0);

    assertThat(ids(store.list(ORG, WorkflowQuery.all().withStage(LifecycleStage.RECRUIT)).items()))
        .containsExactly("wf-1", "wf-3");
    assertThat(ids(store.list(ORG, WorkflowQuery.all().withStage(LifecycleStage.OPTIMIZE)).items())).isEmpty();
  }

  @Test
  void list_filters_by_status() {
    create(ORG, "wf-1", "A", WorkflowStatus.DRAFT);
    create(ORG, "wf-2", "B", WorkflowStatus.ACTIVE);
    create(ORG, "wf-3", "C", WorkflowStatus.INACTIVE);
    create(ORG, "wf-4", "D", WorkflowStatus.ACTIVE);

    assertThat(ids(store.list(ORG, WorkflowQuery.all().withStatus(WorkflowStatus.ACTIVE)).items()))
        .containsExactly("wf-2", "wf-4");
    assertThat(ids(store.list(ORG, WorkflowQuery.all().withStatus(WorkflowStatus.INACTIVE)).items()))
        .containsExactly("wf-3");
    assertThat(store.list(ORG, WorkflowQuery.all().withStatus(WorkflowStatus.ACTIVE)).total()).isEqualTo(2);
  }

  @Test
  void list_combines_search_stage_and_status_filters() {
    store.save(workflow(ORG, "wf-1", "Welcome", WorkflowStatus.ACTIVE, LifecycleStage.ONBOARD, 1,
        PARTNER_CREATED), PARTNER_CREATED, 0);
    store.save(workflow(ORG, "wf-2", "Welcome back", WorkflowStatus.DRAFT, LifecycleStage.ONBOARD, 1,
        PARTNER_CREATED), PARTNER_CREATED, 0);
    store.save(workflow(ORG, "wf-3", "Welcome deal", WorkflowStatus.ACTIVE, LifecycleStage.EXECUTE, 1,
        PARTNER_CREATED), PARTNER_CREATED, 0);
    store.save(workflow(ORG, "wf-4", "Review", WorkflowStatus.ACTIVE, LifecycleStage.ONBOARD, 1,
        PARTNER_CREATED), PARTNER_CREATED, 0);

    WorkflowQuery q = WorkflowQuery.all().withSearch("welcome").withStage(LifecycleStage.ONBOARD)
        .withStatus(WorkflowStatus.ACTIVE);

    assertThat(ids(store.list(ORG, q).items())).containsExactly("wf-1");
  }

  @Test
  void list_orders_by_name_case_insensitively_then_by_id() {
    create(ORG, "wf-c", "beta", WorkflowStatus.DRAFT);
    create(ORG, "wf-b", "Alpha", WorkflowStatus.DRAFT);
    create(ORG, "wf-a", "Beta", WorkflowStatus.DRAFT);
    create(ORG, "wf-d", "alpha", WorkflowStatus.DRAFT);
    create(ORG, "wf-e", "Gamma", WorkflowStatus.DRAFT);

    assertThat(ids(store.list(ORG, WorkflowQuery.all()).items()))
        .containsExactly("wf-b", "wf-d", "wf-a", "wf-c", "wf-e");
  }

  @Test
  void list_pages_with_totals_and_has_next() {
    for (int i = 1; i <= 5; i++) {
      create(ORG, "wf-" + i, "Workflow " + i, WorkflowStatus.DRAFT);
    }

    Page<Workflow> first = store.list(ORG, WorkflowQuery.all().withPage(0, 2));
    Page<Workflow> second = store.list(ORG, WorkflowQuery.all().withPage(1, 2));
    Page<Workflow> last = store.list(ORG, WorkflowQuery.all().withPage(2, 2));
    Page<Workflow> beyond = store.list(ORG, WorkflowQuery.all().withPage(3, 2));

    assertThat(ids(first.items())).containsExactly("wf-1", "wf-2");
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.page()).isZero();
    assertThat(first.size()).isEqualTo(2);
    assertThat(first.hasNext()).isTrue();
    assertThat(ids(second.items())).containsExactly("wf-3", "wf-4");
    assertThat(second.hasNext()).isTrue();
    assertThat(ids(last.items())).containsExactly("wf-5");
    assertThat(last.total()).isEqualTo(5);
    assertThat(last.hasNext()).isFalse();
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.total()).isEqualTo(5);
    assertThat(beyond.hasNext()).isFalse();
  }

  @Test
  void list_pages_of_a_filtered_query_count_only_matches() {
    for (int i = 1; i <= 6; i++) {
      create(ORG, "wf-" + i, "Workflow " + i, i % 2 == 0 ? WorkflowStatus.ACTIVE : WorkflowStatus.DRAFT);
    }

    Page<Workflow> page = store.list(ORG, WorkflowQuery.all().withStatus(WorkflowStatus.ACTIVE).withPage(0, 2));

    assertThat(ids(page.items())).containsExactly("wf-2", "wf-4");
    assertThat(page.total()).isEqualTo(3);
    assertThat(page.hasNext()).isTrue();
  }

  @Test
  void list_shows_only_the_latest_version_and_filters_on_it() {
    Workflow v1 = create(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT);
    Workflow v2 = workflow(ORG, "wf-1", "Onboarding kit", WorkflowStatus.ACTIVE, 2);
    store.save(v2, PARTNER_CREATED, v1.version());

    assertThat(store.list(ORG, WorkflowQuery.all()).items()).containsExactly(v2);
    assertThat(store.list(ORG, WorkflowQuery.all()).total()).isEqualTo(1);
    assertThat(store.list(ORG, WorkflowQuery.all().withSearch("welcome")).items()).isEmpty();
    assertThat(store.list(ORG, WorkflowQuery.all().withStatus(WorkflowStatus.DRAFT)).items()).isEmpty();
    assertThat(store.list(ORG, WorkflowQuery.all().withStatus(WorkflowStatus.ACTIVE)).items()).containsExactly(v2);
  }

  // ---- delete --------------------------------------------------------------------------------------------------

  @Test
  void delete_removes_the_workflow_and_all_its_versions() {
    Workflow v1 = create(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT);
    update(v1, WorkflowStatus.ACTIVE, PARTNER_CREATED);

    assertThat(store.delete(ORG, "wf-1")).isTrue();

    assertThat(store.find(ORG, "wf-1")).isEmpty();
    assertThat(store.findVersion(ORG, "wf-1", 1)).isEmpty();
    assertThat(store.findVersion(ORG, "wf-1", 2)).isEmpty();
    assertThat(store.list(ORG, WorkflowQuery.all()).items()).isEmpty();
    assertThat(store.list(ORG, WorkflowQuery.all()).total()).isZero();
    assertThat(store.activeFor(ORG, PARTNER_CREATED)).isEmpty();
    assertThat(store.summary(ORG).activeWorkflowIds()).isEmpty();
  }

  @Test
  void delete_of_an_unknown_workflow_returns_false() {
    assertThat(store.delete(ORG, "nope")).isFalse();
  }

  @Test
  void delete_twice_returns_false_the_second_time() {
    create(ORG, "wf-1", "Welcome", WorkflowStatus.DRAFT);

    assertThat(store.delete(ORG, "wf-1")).isTrue();
    assertThat(store.delete(ORG, "wf-1")).isFalse();
  }

  @Test
  void a_deleted_id_can_be_created_again_from_version_1() {
    Workflow old = create(ORG, "wf-1", "Old", WorkflowStatus.ACTIVE);
    update(old, WorkflowStatus.ACTIVE, PARTNER_CREATED);
    store.delete(ORG, "wf-1");

    Workflow fresh = workflow(ORG, "wf-1", "Fresh", WorkflowStatus.DRAFT, 1);
    store.save(fresh, PARTNER_CREATED, 0);

    assertThat(store.find(ORG, "wf-1")).contains(fresh);
    assertThat(store.findVersion(ORG, "wf-1", 1)).contains(fresh);
    assertThat(store.findVersion(ORG, "wf-1", 2)).isEmpty();
    assertThat(store.activeFor(ORG, PARTNER_CREATED)).isEmpty();
  }
}
