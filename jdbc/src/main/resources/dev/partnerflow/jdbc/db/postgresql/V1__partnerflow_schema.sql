-- Partnerflow schema, version 1 (PostgreSQL). Applied by partnerflow-jdbc at start (table pf_schema_version), or
-- by the host's Flyway as it is (locations = classpath:dev/partnerflow/jdbc/db/postgresql).

-- The latest version of each workflow, with the columns the catalog filters, orders and indexes on.
CREATE TABLE pf_workflows (
  organization_id VARCHAR(255) COLLATE "C" NOT NULL,
  workflow_id     VARCHAR(255) COLLATE "C" NOT NULL,
  version         INTEGER NOT NULL,
  name_lower      VARCHAR(200) COLLATE "C" NOT NULL,
  stage           VARCHAR(16) NOT NULL,
  status          VARCHAR(16) NOT NULL,
  created_by      VARCHAR(255) NOT NULL,
  trigger_type    VARCHAR(64),
  PRIMARY KEY (organization_id, workflow_id)
);
-- activeFor(organization, trigger type): only Active workflows are indexed
CREATE INDEX pf_workflows_active ON pf_workflows (organization_id, trigger_type, workflow_id) WHERE status = 'active';

-- Every version of every workflow (runs pin the version they started on): the whole document as JSON.
CREATE TABLE pf_workflow_versions (
  organization_id VARCHAR(255) COLLATE "C" NOT NULL,
  workflow_id     VARCHAR(255) COLLATE "C" NOT NULL,
  version         INTEGER NOT NULL,
  document        TEXT NOT NULL,
  PRIMARY KEY (organization_id, workflow_id, version)
);

-- Runs: the immutable start (event, workflow version, test flag), then the changing state and the lease.
-- due_at is when the run may next be claimed (wake-up time, or lease expiry while running); NULL once final.
CREATE TABLE pf_runs (
  run_id            VARCHAR(64) COLLATE "C" PRIMARY KEY,
  organization_id   VARCHAR(255) COLLATE "C" NOT NULL,
  workflow_id       VARCHAR(255) COLLATE "C" NOT NULL,
  workflow_version  INTEGER NOT NULL,
  event_id          VARCHAR(255) COLLATE "C" NOT NULL,
  event_type        VARCHAR(64) NOT NULL,
  event_occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  event_data        TEXT NOT NULL,
  test_run          BOOLEAN NOT NULL,
  created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  status            VARCHAR(16) NOT NULL,
  pending           TEXT NOT NULL,
  error             TEXT,
  updated_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  finished_at       TIMESTAMP(6) WITH TIME ZONE,
  version           BIGINT NOT NULL,
  wake_at           TIMESTAMP(6) WITH TIME ZONE,
  due_at            TIMESTAMP(6) WITH TIME ZONE,
  lease_owner       VARCHAR(128),
  lease_until       TIMESTAMP(6) WITH TIME ZONE
);
-- dedupe: one run per (organization, workflow, event id) for as long as the run is kept (see retention)
CREATE UNIQUE INDEX pf_runs_event ON pf_runs (organization_id, workflow_id, event_id);
-- claiming: due work, oldest first; final runs are not in the index
CREATE INDEX pf_runs_due ON pf_runs (due_at) WHERE due_at IS NOT NULL;
-- the run list of a workflow, newest first
CREATE INDEX pf_runs_list ON pf_runs (organization_id, workflow_id, created_at);
-- retention: finished runs by finishing time
CREATE INDEX pf_runs_finished ON pf_runs (finished_at) WHERE finished_at IS NOT NULL;

-- Step attempts, appended by the save that recorded them: (run_version, seq) is their sequence number.
-- The output of a node's SUCCEEDED attempt is the run's output of that node (read back into RunRecord.outputs).
CREATE TABLE pf_step_attempts (
  run_id          VARCHAR(64) COLLATE "C" NOT NULL,
  run_version     BIGINT NOT NULL,
  seq             INTEGER NOT NULL,
  organization_id VARCHAR(255) COLLATE "C" NOT NULL,
  workflow_id     VARCHAR(255) COLLATE "C" NOT NULL,
  node_id         VARCHAR(255) NOT NULL,
  node_type       VARCHAR(64) NOT NULL,
  attempt         INTEGER NOT NULL,
  status          VARCHAR(16) NOT NULL,
  input           TEXT NOT NULL,
  output          TEXT NOT NULL,
  started_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  finished_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  duration_nanos  BIGINT NOT NULL,
  error_type      VARCHAR(255),
  error_message   TEXT,
  error_retryable BOOLEAN,
  dry_run         BOOLEAN NOT NULL,
  minutes_saved   INTEGER NOT NULL,
  PRIMARY KEY (run_id, run_version, seq)
);
-- minutes saved of many workflows in one GROUP BY: only attempts that saved minutes are indexed
CREATE INDEX pf_step_attempts_saved ON pf_step_attempts (organization_id, workflow_id, finished_at)
  WHERE minutes_saved > 0;
