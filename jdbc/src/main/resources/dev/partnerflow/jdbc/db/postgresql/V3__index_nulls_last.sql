-- Nothing to change on PostgreSQL: pf_runs_due and pf_runs_finished are partial indexes (no NULL entries), and a
-- B-tree puts NULLs last anyway. The H2 script of this version moves NULLs behind the ranges the store reads; this
-- one keeps the two dialects' versions in step.
SELECT 1;
