package dev.partnerflow.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Group commit: the small write transactions of several threads (a step's record, the runs of a published event)
 * committed as one database transaction, so that concurrent runs share one commit (one WAL flush) instead of paying
 * one each.
 *
 * <p>A writer enqueues its entry and tries to become a leader (one of {@code leaders} permits); a leader drains
 * every entry queued so far, writes them in one transaction, marks them done and wakes their writers, then wakes
 * the writer of the oldest entry still queued, which leads the next group. A writer that gets no permit parks until
 * one of those happens (not on a lock: waking every follower in turn just to see that its entry is done was a
 * convoy of context switches under load). Each writer still returns only after its own entry is committed, so "a
 * step's record is committed before the run's next step starts" holds. A writer alone is a plain transaction, or a
 * single auto-committed statement for entries written with one. More than one leader lets a few writers (two
 * publishing threads) commit side by side instead of taking turns; a crowd still queues into groups.
 *
 * <p>When the shared transaction fails (a deadlock with another instance, a constraint, a lost connection), it is
 * rolled back and each entry is written again in a transaction of its own, so one entry's failure is that entry's
 * only; when the database cannot be reached, every entry of the group fails at once.
 */
final class GroupCommit {
  /** One writer's work; {@link #result} is set by {@link Writer#write} before the group commits. */
  abstract static class Entry<T> {
    T result;
    private RuntimeException failure;
    private volatile boolean done;
    private final Thread writer = Thread.currentThread();
    private final boolean oneStatement;

    /**
     * @param oneStatement whether the writer writes this entry, when it is alone in its group, with one statement:
     *     it is then run in auto-commit mode (one round trip, the statement's own commit) instead of inside a
     *     transaction (BEGIN with the statement, then COMMIT: two)
     */
    Entry(boolean oneStatement) {
      this.oneStatement = oneStatement;
    }
  }

  /** Writes a group of entries on one connection inside the transaction; sets each entry's result. */
  @FunctionalInterface
  interface Writer {
    void write(Connection c, List<Entry<?>> group) throws SQLException;
  }

  private final DataSource ds;
  private final Writer writer;
  private final int maxGroup;
  private final ConcurrentLinkedQueue<Entry<?>> queue = new ConcurrentLinkedQueue<>();
  private final Semaphore leaders;

  GroupCommit(DataSource ds, Writer writer, int maxGroup, int leaders) {
    this.leaders = new Semaphore(leaders);
    this.ds = ds;
    this.writer = writer;
    this.maxGroup = maxGroup;
  }

  /** Commits {@code entry} (in a group with whatever else is waiting) and returns its result. */
  <T> T commit(Entry<T> entry) {
    if (entry.writer != Thread.currentThread()) {
      throw new IllegalStateException("an entry is committed by the thread that created it");
    }
    queue.add(entry);
    while (!entry.done) {
      boolean wrote = false;
      if (leaders.tryAcquire()) {
        try {
          if (!entry.done) {
            wrote = commitQueued();
          }
        } finally {
          leaders.release();
        }
        // an entry queued while this group was written has a writer parked below: it leads the next group
        Entry<?> next = queue.peek();
        if (next != null) {
          LockSupport.unpark(next.writer);
        }
      }
      if (!wrote && !entry.done) {
        // no permit, or another leader took this entry into its group: it wakes this writer when done
        LockSupport.park(this);
      }
    }
    if (entry.failure != null) {
      throw entry.failure;
    }
    return entry.result;
  }

  /** Writes the entries queued now (up to {@code maxGroup}) as one group; false when there were none. */
  private boolean commitQueued() {
    List<Entry<?>> group = new ArrayList<>();
    for (Entry<?> e; group.size() < maxGroup && (e = queue.poll()) != null; ) {
      group.add(e);
    }
    if (group.isEmpty()) {
      return false;
    }
    try {
      write(group);
    } catch (RuntimeException | Error groupFailure) {
      if (group.size() == 1 || Sql.isConnectionFailure(groupFailure)) {
        // without a database, writing each entry alone would only make every writer wait once per entry
        RuntimeException failure = unchecked(groupFailure);
        group.forEach(e -> finish(e, failure));
        return true;
      }
      for (Entry<?> e : group) {
        e.result = null;
      }
      for (Entry<?> e : group) {
        try {
          write(List.of(e));
          finish(e, null);
        } catch (RuntimeException | Error alone) {
          finish(e, unchecked(alone));
        }
      }
      return true;
    }
    for (Entry<?> e : group) {
      finish(e, null);
    }
    return true;
  }

  private void write(List<Entry<?>> group) {
    Sql.Work<Void> work = c -> {
      writer.write(c, group);
      return null;
    };
    if (group.size() == 1 && group.get(0).oneStatement) {
      Sql.inOneStatement(ds, work);
    } else {
      Sql.inTransaction(ds, work);
    }
  }

  /** An Error (out of memory in the writer) fails the entries, never leaves their writers waiting. */
  private static RuntimeException unchecked(Throwable t) {
    return t instanceof RuntimeException r ? r : new JdbcStoreException("writing to the database failed: " + t, t);
  }

  private static void finish(Entry<?> e, RuntimeException failure) {
    e.failure = failure;
    e.done = true;
    LockSupport.unpark(e.writer);
  }
}
