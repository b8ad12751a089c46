package dev.partnerflow.web.internal;

import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.export.SseEncoding;
import dev.partnerflow.core.export.SseSink;
import dev.partnerflow.core.export.StreamScheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live run panel's Server-Sent Events, on the export streams' machinery: one shared {@link StreamScheduler}
 * (no thread per stream), {@link SseSink} and {@link SseEncoding}. A stream writes {@code : connected}, then an
 * {@code event: trace} with the run panel's JSON whenever it changed (polled every {@value #POLL_MILLIS} ms, and at
 * once when the engine reports the run finished), a {@code :hb} comment every 15 s, and {@code event: end} once the
 * run is final, then closes. A failed write (client gone) cancels it.
 */
public final class RunStreams implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RunStreams.class);
  static final long POLL_MILLIS = 500;
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final WorkflowEngine engine;
  private final StreamScheduler scheduler;
  private final Set<Stream> open = ConcurrentHashMap.newKeySet();

  public RunStreams(WorkflowEngine engine, StreamScheduler scheduler) {
    this.engine = engine;
    this.scheduler = scheduler;
  }

  /** Opens a stream; the run must exist in the organization (checked by the caller). */
  public void open(String organizationId, String runId, SseSink sink) {
    Stream s = new Stream(organizationId, runId, sink);
    open.add(s);
    s.start();
  }

  public int openCount() {
    return open.size();
  }

  @Override
  public void close() {
    open.forEach(Stream::end);
  }

  private final class Stream {
    private final String org;
    private final String runId;
    private final SseSink sink;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile StreamScheduler.Task poll;
    private volatile StreamScheduler.Task heartbeat;
    private volatile StreamScheduler.Task timeout;
    private String last;

    Stream(String org, String runId, SseSink sink) {
      this.org = org;
      this.runId = runId;
      this.sink = sink;
    }

    void start() {
      if (!write(SseEncoding.comment(" connected"))) {
        return;
      }
      poll = scheduler.scheduleAtFixedRate(this::poll, Duration.ZERO, Duration.ofMillis(POLL_MILLIS));
      heartbeat = scheduler.scheduleAtFixedRate(() -> write(SseEncoding.comment("hb")), HEARTBEAT, HEARTBEAT);
      timeout = scheduler.schedule(this::end, TIMEOUT);
      if (ended.get()) {
        cancelTasks(); // it ended while the tasks were being scheduled
        return;
      }
      engine.whenFinished(org, runId).whenComplete((run, error) -> {
        if (!ended.get()) {
          scheduler.schedule(this::poll, Duration.ZERO);
        }
      });
    }

    private synchronized void poll() {
      if (ended.get()) {
        return;
      }
      try {
        RunView view = RunView.of(engine, org, runId);
        String json = new String(HttpJson.bytes(view.json()), StandardCharsets.UTF_8);
        if (!json.equals(last)) {
          last = json;
          if (!write(SseEncoding.event("trace", json))) {
            return;
          }
        }
        if (view.run().status().isFinal()) {
          write(SseEncoding.event("end", "{}"));
          end();
        }
      } catch (RuntimeException e) {
        log.warn("Live run stream of run {} (organization {}) stopped: {}", runId, org, e.toString());
        end();
      }
    }

    private boolean write(String text) {
      if (ended.get()) {
        return false;
      }
      try {
        sink.write(text);
        return true;
      } catch (IOException e) {
        end();
        return false;
      }
    }

    private void cancelTasks() {
      for (StreamScheduler.Task t : new StreamScheduler.Task[] {poll, heartbeat, timeout}) {
        if (t != null) {
          t.cancel();
        }
      }
    }

    void end() {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      cancelTasks();
      open.remove(this);
      try {
        sink.close();
      } catch (IOException e) {
        // the client is gone already
      }
    }
  }
}
