-- H2 puts NULLs first in an index, so `due_at <= ?` began at the index's first entry and stepped over every NULL:
-- each claim and each due-time read went through every finished run (kept for the retention, 30 days by default),
-- and each purge batch (`finished_at < ?`) through every live run. With NULLS LAST those reads start at the first
-- value and stop at the bound. The store's queries order by these columns NULLS LAST to read the index in order.
DROP INDEX pf_runs_due;
CREATE INDEX pf_runs_due ON pf_runs (due_at NULLS LAST);
DROP INDEX pf_runs_finished;
CREATE INDEX pf_runs_finished ON pf_runs (finished_at NULLS LAST);
