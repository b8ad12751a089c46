package dev.partnerflow.core.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link StreamScheduler} for tests: time stands still until {@link #advance(Duration)} moves it, and due tasks run
 * on the thread that calls {@code advance}, in due-time order (ties in the order they were scheduled). Its
 * {@link #clock()} shows the scheduler's time, and is set to each task's due time while the task runs; give it to
 * {@link ExportStreams.Builder#clock(Clock)} so streams and scheduler agree.
 *
 * <pre>{@code
 * ManualStreamScheduler scheduler = new ManualStreamScheduler(Instant.parse("2025-01-01T00:00:00Z"));
 * ExportStreams streams = ExportStreams.builder()
 *     .poller(poller).scheduler(scheduler).clock(scheduler.clock()).build();
 * streams.open(query, sink);
 * scheduler.advance(Duration.ofSeconds(15));   // 11 polls (0 s, 1.5 s, ... 15 s) and one heartbeat, no waiting
 * }</pre>
 *
 * <p>Thread-safe: tasks may be scheduled from any thread; concurrent {@code advance} calls take turns. A task that
 * throws is cancelled and the exception is rethrown from {@code advance}.
 */
public final class ManualStreamScheduler implements StreamScheduler {
  private final ReentrantLock advancing = new ReentrantLock();
  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private final ManualClock clock;
  private long sequence;
  private boolean closed;

  /** A scheduler whose time starts at {@code start} (UTC). */
  public ManualStreamScheduler(Instant start) {
    this.clock = new ManualClock(Objects.requireNonNull(start, "start must not be null"), ZoneOffset.UTC);
  }

  /** The scheduler's time, as a clock. */
  public Clock clock() {
    return clock;
  }

  /** The scheduler's current time. */
  public Instant now() {
    return clock.instant();
  }

  /** Runs the tasks due now (those scheduled with a zero delay, for example). */
  public void runDueTasks() {
    advance(Duration.ZERO);
  }

  /**
   * Moves time forward by {@code duration}, running every task that falls due on the way at its due time.
   *
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration must not be null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, but was " + duration);
    }
    advancing.lock();
    try {
      Instant target = clock.instant().plus(duration);
      while (true) {
        Entry next;
        synchronized (this) {
          next = queue.peek();
          if (next == null || next.due.isAfter(target)) {
            break;
          }
          queue.poll();
          if (next.cancelled) {
            continue;
          }
          clock.set(next.due);
          if (next.period != null) {
            next.due = next.due.plus(next.period);
            next.sequence = sequence++;
            queue.add(next);
          }
        }
        try {
          next.task.run();
        } catch (RuntimeException | Error e) {
          next.cancel();
          throw e;
        }
      }
      clock.set(target);
    } finally {
      advancing.unlock();
    }
  }

  /** The number of scheduled tasks that have not been cancelled (a periodic task counts once). */
  public synchronized int pendingTasks() {
    return (int) queue.stream().filter(e -> !e.cancelled).count();
  }

  @Override
  public Task schedule(Runnable task, Duration delay) {
    return add(task, delay, null);
  }

  @Override
  public Task scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, but was " + period);
    }
    return add(task, initialDelay, period);
  }

  private synchronized Task add(Runnable task, Duration delay, Duration period) {
    Objects.requireNonNull(task, "task must not be null");
    if (closed) {
      throw new IllegalStateException("scheduler is closed");
    }
    Entry entry = new Entry(task, clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), period,
        sequence++);
    queue.add(entry);
    return entry;
  }

  @Override
  public synchronized void close() {
    closed = true;
    queue.clear();
  }

  private final class Entry implements Comparable<Entry>, Task {
    final Runnable task;
    final Duration period;
    Instant due;
    long sequence;
    volatile boolean cancelled;

    Entry(Runnable task, Instant due, Duration period, long sequence) {
      this.task = task;
      this.due = due;
      this.period = period;
      this.sequence = sequence;
    }

    @Override
    public int compareTo(Entry other) {
      int byDue = due.compareTo(other.due);
      return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
    }

    @Override
    public void cancel() {
      synchronized (ManualStreamScheduler.this) {
        cancelled = true;
        queue.remove(this);
      }
    }
  }

  private static final class ManualClock extends Clock {
    private volatile Instant now;
    private final ZoneId zone;

    ManualClock(Instant now, ZoneId zone) {
      this.now = now;
      this.zone = zone;
    }

    void set(Instant value) {
      now = value;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zoneId) {
      return new Clock() {
        @Override
        public ZoneId getZone() {
          return zoneId;
        }

        @Override
        public Clock withZone(ZoneId other) {
          return ManualClock.this.withZone(other);
        }

        @Override
        public Instant instant() {
          return ManualClock.this.instant();
        }
      };
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
