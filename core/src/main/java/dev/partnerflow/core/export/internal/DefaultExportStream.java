package dev.partnerflow.core.export.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnerflow.core.export.ExportQuery;
import dev.partnerflow.core.export.ExportStatus;
import dev.partnerflow.core.export.ExportStatusPoller;
import dev.partnerflow.core.export.ExportStream;
import dev.partnerflow.core.export.SseEncoding;
import dev.partnerflow.core.export.SseSink;
import dev.partnerflow.core.export.StreamScheduler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's state machine. Tasks may run on different scheduler threads, so: {@code closed} decides once who ends
 * the stream; {@code writeLock} keeps messages whole and in order; heartbeats only {@code tryLock}, so a slow write
 * never parks a second scheduler thread behind it: a heartbeat that finds the lock taken is owed, and whoever holds
 * the lock writes it before letting go, so none is lost.
 */
public final class DefaultExportStream implements ExportStream {
  private static final Logger log = LoggerFactory.getLogger(DefaultExportStream.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String CONNECTED = SseEncoding.comment(" connected");
  static final String HEARTBEAT = SseEncoding.comment("hb");

  private final ExportQuery query;
  private final SseSink sink;
  private final ExportStatusPoller poller;
  private final StreamScheduler scheduler;
  private final Clock clock;
  private final Duration pollInterval;
  private final Duration heartbeatInterval;
  private final Duration timeout;
  private final Duration freshnessGrace;
  private final int maxConsecutivePollFailures;
  private final Consumer<DefaultExportStream> onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final AtomicBoolean heartbeatOwed = new AtomicBoolean();
  private volatile StreamScheduler.Task pollTask;
  private volatile StreamScheduler.Task heartbeatTask;
  private volatile StreamScheduler.Task timeoutTask;
  private int consecutiveFailures;

  public DefaultExportStream(ExportQuery query, SseSink sink, ExportStatusPoller poller, StreamScheduler scheduler,
      Clock clock, Duration pollInterval, Duration heartbeatInterval, Duration timeout, Duration freshnessGrace,
      int maxConsecutivePollFailures, Consumer<DefaultExportStream> onClose) {
    this.query = query;
    this.sink = sink;
    this.poller = poller;
    this.scheduler = scheduler;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.heartbeatInterval = heartbeatInterval;
    this.timeout = timeout;
    this.freshnessGrace = freshnessGrace;
    this.maxConsecutivePollFailures = maxConsecutivePollFailures;
    this.onClose = onClose;
  }

  /**
   * Schedules the tasks and writes {@code : connected}, holding the write lock so that no task's message can go out
   * before it. Timeout first, so that at equal due times it wins over a poll or heartbeat.
   */
  public void start() {
    writeLock.lock();
    try {
      timeoutTask = scheduler.schedule(this::onTimeout, timeout);
      pollTask = scheduler.scheduleAtFixedRate(this::poll, Duration.ZERO, pollInterval);
      heartbeatTask = scheduler.scheduleAtFixedRate(this::heartbeat, heartbeatInterval, heartbeatInterval);
      sink.write(CONNECTED);
    } catch (IOException e) {
      disconnected(e);
    } catch (RuntimeException e) {
      // e.g. the scheduler was closed: leave nothing scheduled and nothing open behind
      closed.set(true);
      cancelTasks();
      closeSink();
      throw e;
    } finally {
      releaseWriting();
    }
    if (closed.get()) {
      cancelTasks();
    }
  }

  @Override
  public ExportQuery query() {
    return query;
  }

  @Override
  public boolean isOpen() {
    return !closed.get();
  }

  @Override
  public void cancel() {
    if (closed.compareAndSet(false, true)) {
      cancelTasks();
      closeSink();
      log.debug("Export stream for lesson {} cancelled by the host", query.lessonId());
    }
  }

  private void poll() {
    if (closed.get()) {
      return;
    }
    ExportStatus status;
    try {
      status = poller.poll(query);
      if (status == null) {
        throw new IllegalStateException("ExportStatusPoller returned null; return ExportStatus.pending() instead");
      }
    } catch (RuntimeException e) {
      consecutiveFailures++;
      if (consecutiveFailures >= maxConsecutivePollFailures) {
        log.warn("Export status poller failed for lesson {} {} times in a row; ending the stream with an error",
            query.lessonId(), consecutiveFailures, e);
        finish("error", Map.of("message", "export status is unavailable, please try again"));
      } else {
        log.warn("Export status poller failed for lesson {} (failure {} of {} allowed in a row); polling again in {}",
            query.lessonId(), consecutiveFailures, maxConsecutivePollFailures, pollInterval, e);
      }
      return;
    }
    consecutiveFailures = 0;
    if (status instanceof ExportStatus.Completed completed) {
      if (awaited(completed)) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("url", completed.url());
        data.put("costCents", completed.costCents());
        data.put("model", completed.model());
        finish("completed", data);
      } else {
        log.debug("Export of lesson {} completed at {} does not match the stream (cache key given: {}); waiting",
            query.lessonId(), completed.completedAt(), query.cacheKey().isPresent());
      }
    } else if (status instanceof ExportStatus.Failed failed) {
      finish("error", Map.of("message", failed.message()));
    }
  }

  /** With a cache key: the same key. Without: completed at or after the start minus the grace. */
  private boolean awaited(ExportStatus.Completed completed) {
    if (query.cacheKey().isPresent()) {
      return completed.cacheKey().equals(query.cacheKey());
    }
    return !completed.completedAt().isBefore(query.streamStartedAt().minus(freshnessGrace));
  }

  private void heartbeat() {
    if (closed.get()) {
      return;
    }
    heartbeatOwed.set(true);
    if (writeLock.tryLock()) {
      releaseWriting();
    }
  }

  /** Writes a heartbeat owed while the lock was held, then unlocks; repeats if one became owed meanwhile. */
  private void releaseWriting() {
    while (true) {
      try {
        if (heartbeatOwed.compareAndSet(true, false) && !closed.get()) {
          sink.write(HEARTBEAT);
        }
      } catch (IOException e) {
        writeLock.unlock();
        disconnected(e);
        return;
      }
      writeLock.unlock();
      if (!heartbeatOwed.get() || !writeLock.tryLock()) {
        return;
      }
    }
  }

  private void onTimeout() {
    finish("error", Map.of("message", "export did not complete within " + describe(timeout)));
  }

  private void finish(String event, Map<String, Object> data) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    cancelTasks();
    writeLock.lock();
    try {
      sink.write(SseEncoding.event(event, json(data)));
    } catch (IOException e) {
      log.debug("Could not send '{}' to the client of lesson {}: {}", event, query.lessonId(), e.toString());
    } finally {
      writeLock.unlock();
    }
    closeSink();
  }

  private void disconnected(IOException e) {
    if (closed.compareAndSet(false, true)) {
      log.debug("Client of the export stream for lesson {} went away ({}); polling stopped", query.lessonId(),
          e.toString());
      cancelTasks();
      closeSink();
    }
  }

  private void cancelTasks() {
    cancel(pollTask);
    cancel(heartbeatTask);
    cancel(timeoutTask);
  }

  private static void cancel(StreamScheduler.Task task) {
    if (task != null) {
      task.cancel();
    }
  }

  private void closeSink() {
    try {
      sink.close();
    } catch (IOException | RuntimeException e) {
      log.debug("Closing the export stream for lesson {} failed: {}", query.lessonId(), e.toString());
    } finally {
      onClose.accept(this);
    }
  }

  private static String json(Map<String, Object> data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot happen: a map of strings and numbers is always JSON", e);
    }
  }

  static String describe(Duration d) {
    if (d.toSecondsPart() == 0 && d.toMillisPart() == 0 && d.toMinutes() > 0) {
      return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " seconds" : d.toMillis() + " ms";
  }
}
