package dev.partnerflow.core.store;

import dev.partnerflow.core.run.RunStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Filters of a workflow's run list: statuses, a creation-time window [from, to), and a page. Newest first.
 *
 * <pre>{@code
 * RunQuery failedToday = RunQuery.all().withStatuses(Set.of(RunStatus.FAILED)).between(midnight, null);
 * }</pre>
 */
public record RunQuery(Set<RunStatus> statuses, Optional<Instant> from, Optional<Instant> to, PageRequest page) {
  public RunQuery {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    from = from == null ? Optional.empty() : from;
    to = to == null ? Optional.empty() : to;
    page = page == null ? PageRequest.FIRST : page;
  }

  public static RunQuery all() {
    return new RunQuery(Set.of(), Optional.empty(), Optional.empty(), PageRequest.FIRST);
  }

  public RunQuery withStatuses(Set<RunStatus> value) {
    return new RunQuery(value, from, to, page);
  }

  /** Runs created at or after {@code fromInclusive} and before {@code toExclusive}; null leaves a side open. */
  public RunQuery between(Instant fromInclusive, Instant toExclusive) {
    return new RunQuery(statuses, Optional.ofNullable(fromInclusive), Optional.ofNullable(toExclusive), page);
  }

  public RunQuery withPage(int number, int size) {
    return new RunQuery(statuses, from, to, PageRequest.of(number, size));
  }

  /** Whether a run passes the filters (not the page). */
  public boolean matches(RunRecord run) {
    return (statuses.isEmpty() || statuses.contains(run.status()))
        && from.map(f -> !run.createdAt().isBefore(f)).orElse(true)
        && to.map(t -> run.createdAt().isBefore(t)).orElse(true);
  }
}
