package dev.partnerflow.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Group commit: the small write transactions of several threads (a step's record, the runs of a published event)
 * committed as one database transaction, so that concurrent runs share one commit (one WAL flush) instead of paying
 * one each.
 *
 * <p>A writer enqueues its entry and tries the lock; whoever gets it (the leader) drains every entry queued so far,
 * writes them in one transaction, marks them done and wakes their writers, then wakes the writer of the oldest
 * entry still queued, which leads the next group. A writer that does not get the lock parks until one of those
 * happens (not on the lock: waking every follower in turn just to see that its entry is done was a convoy of
 * context switches under load). Each writer still returns only after its own entry is committed, so "a step's record is committed before
 * the run's next step starts" holds. With one writer this is a plain transaction per entry.
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
  private final ReentrantLock lock = new ReentrantLock();

  GroupCommit(DataSource ds, Writer writer, int maxGroup) {
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
      if (lock.tryLock()) {
        try {
          if (!entry.done) {
            commitQueued();
          }
        } finally {
          lock.unlock();
        }
        // an entry queued while this group was written has a writer parked below: it leads the next group
        Entry<?> next = queue.peek();
        if (next != null) {
          LockSupport.unpark(next.writer);
        }
      } else {
        LockSupport.park(this);
      }
    }
    if (entry.failure != null) {
      throw entry.failure;
    }
    return entry.result;
  }

  private void commitQueued() {
    List<Entry<?>> group = new ArrayList<>();
    for (Entry<?> e; group.size() < maxGroup && (e = queue.poll()) != null; ) {
      group.add(e);
    }
    if (group.isEmpty()) {
      return;
    }
    try {
      Sql.inTransaction(ds, c -> {
        writer.write(c, group);
        return null;
      });
    } catch (RuntimeException | Error groupFailure) {
      if (group.size() == 1 || Sql.isConnectionFailure(groupFailure)) {
        // without a database, writing each entry alone would only make every writer wait once per entry
        RuntimeException failure = unchecked(groupFailure);
        group.forEach(e -> finish(e, failure));
        return;
      }
      for (Entry<?> e : group) {
        e.result = null;
      }
      for (Entry<?> e : group) {
        try {
          Sql.inTransaction(ds, c -> {
            writer.write(c, List.of(e));
            return null;
          });
          finish(e, null);
        } catch (RuntimeException | Error alone) {
          finish(e, unchecked(alone));
        }
      }
      return;
    }
    for (Entry<?> e : group) {
      finish(e, null);
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
