-- Partnerflow schema, version 2 (H2): scheduled triggers.

-- One scan row per organization with scheduled-trigger workflows, claimed like a run: due when due_at has come
-- and no unexpired lease is held; a claim sets the lease and moves due_at to the lease's end; finishing a scan
-- stores the next due time. version fences extending and finishing.
CREATE TABLE pf_scans (
  organization_id VARCHAR(255) PRIMARY KEY,
  due_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  lease_owner     VARCHAR(128),
  lease_until     TIMESTAMP(6) WITH TIME ZONE,
  version         BIGINT NOT NULL
);
CREATE INDEX pf_scans_due ON pf_scans (due_at);

-- Occurrences a workflow already fired (a partner's silence period, a renewal date): kept for as long as the
-- store lives, unlike the event dedupe of pf_runs, which lasts as long as the run is kept.
CREATE TABLE pf_occurrences (
  organization_id VARCHAR(255) NOT NULL,
  workflow_id     VARCHAR(255) NOT NULL,
  occurrence_key  VARCHAR(512) NOT NULL,
  fired_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (organization_id, workflow_id, occurrence_key)
);
