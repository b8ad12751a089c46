package dev.partnerflow.benchmarks;

import dev.partnerflow.core.export.ExportStatus;
import dev.partnerflow.core.export.ExportStream;
import dev.partnerflow.core.export.ExportStreams;
import dev.partnerflow.core.export.SseSink;
import dev.partnerflow.core.export.StreamScheduler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Export progress streams at scale: {@value #STREAMS_TEXT} streams whose poller always answers "pending", on a
 * shared scheduler of at most 2 threads, each polling every 1.5 s.
 *
 * <ul>
 *   <li>{@link #pendingStreams}: one shot per iteration. Opens the streams on a plain 2-thread scheduler and reports
 *       the retained heap per open stream (used heap after full GCs, after minus before, divided by the stream
 *       count; the sink is a shared no-op, so sockets and HTTP server buffers are not included). Then opens them
 *       again on a scheduler that records, for every poll, how late it started compared with its fixed-rate due
 *       time, watches for {@code windowSeconds} of real time, and reports the median and 99th percentile. The
 *       numbers come out as JMH secondary results ({@code heapBytesPerStream}, {@code pollLatenessP50Micros},
 *       {@code pollLatenessP99Micros}, {@code polls}); JMH sums secondary results over iterations, so there is one
 *       measurement iteration. {@code openOverMillis} opens the streams in one burst (0) or spread over one poll
 *       period (1500), since streams opened together also poll together.
 *   <li>{@link #openAndCancel}: the cost of opening and cancelling one stream (schedule three tasks, write
 *       {@code : connected}, cancel them).
 * </ul>
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ExportStreamBenchmark
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ExportStreamBenchmark {
  static final String STREAMS_TEXT = "10,000";
  private static final SseSink DISCARD = new SseSink() {
    @Override
    public void write(String text) {}

    @Override
    public void close() {}
  };

  /** Secondary results of {@link #pendingStreams}. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Results {
    public double heapBytesPerStream;
    public double pollLatenessP50Micros;
    public double pollLatenessP99Micros;
    public double polls;
  }

  @State(Scope.Benchmark)
  public static class Config {
    @Param("10000")
    public int streams;
    @Param("2")
    public int schedulerThreads;
    @Param("30")
    public int windowSeconds;
    /** 0: open all streams in one burst (their polls then fall due together); 1500: spread over one poll period. */
    @Param({"0", "1500"})
    public int openOverMillis;
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 1)
  public void pendingStreams(Config config, Results results) throws InterruptedException {
    results.heapBytesPerStream = heapPerStream(config);

    LatenessRecorder recorder = new LatenessRecorder(StreamScheduler.threads(config.schedulerThreads),
        ExportStreams.DEFAULT_POLL_INTERVAL, config.streams * (config.windowSeconds + 5));
    try (ExportStreams streams = ExportStreams.builder().poller(q -> ExportStatus.pending()).scheduler(recorder)
        .build()) {
      long start = System.nanoTime();
      long spreadNanos = TimeUnit.MILLISECONDS.toNanos(config.openOverMillis);
      for (int i = 0; i < config.streams; i++) {
        long openAt = start + spreadNanos * i / config.streams;
        long wait = openAt - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        streams.open("org-bench", UUID.randomUUID(), Optional.empty(), DISCARD);
      }
      recorder.startRecording();
      Thread.sleep(config.windowSeconds * 1000L);
      long[] lateness = recorder.stopRecording();
      if (streams.openStreamCount() != config.streams) {
        throw new IllegalStateException("expected all streams open, but " + streams.openStreamCount() + " are");
      }
      results.polls = lateness.length;
      results.pollLatenessP50Micros = percentile(lateness, 0.50) / 1_000.0;
      results.pollLatenessP99Micros = percentile(lateness, 0.99) / 1_000.0;
    } finally {
      recorder.close();
    }
    System.out.printf("%n[ExportStreamBenchmark] streams=%d threads=%d openOverMillis=%d heap/stream=%.0f B "
            + "polls=%d lateness p50=%.0f us p99=%.0f us%n", config.streams, config.schedulerThreads,
        config.openOverMillis,
        results.heapBytesPerStream, (long) results.polls, results.pollLatenessP50Micros,
        results.pollLatenessP99Micros);
  }

  private static double heapPerStream(Config config) throws InterruptedException {
    try (StreamScheduler scheduler = StreamScheduler.threads(config.schedulerThreads);
        ExportStreams streams = ExportStreams.builder().poller(q -> ExportStatus.pending()).scheduler(scheduler)
            .build()) {
      List<ExportStream> open = new ArrayList<>(config.streams);
      long before = usedHeapAfterGc();
      for (int i = 0; i < config.streams; i++) {
        open.add(streams.open("org-bench", UUID.randomUUID(), Optional.empty(), DISCARD));
      }
      long after = usedHeapAfterGc();
      if (streams.openStreamCount() != config.streams) {
        throw new IllegalStateException("expected all streams open, but " + streams.openStreamCount() + " are");
      }
      open.forEach(ExportStream::cancel);
      return (after - before) / (double) config.streams;
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  @State(Scope.Benchmark)
  public static class Quiet {
    StreamScheduler scheduler;
    ExportStreams streams;

    @Setup(Level.Trial)
    public void setUp() {
      scheduler = StreamScheduler.threads(2);
      streams = ExportStreams.builder().poller(q -> ExportStatus.pending()).scheduler(scheduler).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      streams.close();
      scheduler.close();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 3, time = 2)
  public boolean openAndCancel(Quiet state) {
    ExportStream stream = state.streams.open("org-bench", UUID.randomUUID(), Optional.empty(), DISCARD);
    stream.cancel();
    return stream.isOpen();
  }

  /**
   * Wraps a scheduler and, for fixed-rate tasks with the poll period, records how late each run starts compared
   * with its due time (first due time plus k periods, on {@link System#nanoTime()}).
   */
  static final class LatenessRecorder implements StreamScheduler {
    private final StreamScheduler delegate;
    private final long pollPeriodNanos;
    private final long[] samples;
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean recording;

    LatenessRecorder(StreamScheduler delegate, Duration pollPeriod, int capacity) {
      this.delegate = delegate;
      this.pollPeriodNanos = pollPeriod.toNanos();
      this.samples = new long[capacity];
    }

    void startRecording() {
      count.set(0);
      recording = true;
    }

    long[] stopRecording() {
      recording = false;
      long[] copy = Arrays.copyOf(samples, Math.min(count.get(), samples.length));
      Arrays.sort(copy);
      return copy;
    }

    @Override
    public Task schedule(Runnable task, Duration delay) {
      return delegate.schedule(task, delay);
    }

    @Override
    public Task scheduleAtFixedRate(Runnable task, Duration initialDelay, Duration period) {
      if (period.toNanos() != pollPeriodNanos) {
        return delegate.scheduleAtFixedRate(task, initialDelay, period);
      }
      long firstDue = System.nanoTime() + initialDelay.toNanos();
      long[] runs = {0};
      return delegate.scheduleAtFixedRate(() -> {
        long late = System.nanoTime() - (firstDue + runs[0]++ * pollPeriodNanos);
        if (recording) {
          int i = count.getAndIncrement();
          if (i < samples.length) {
            samples[i] = late;
          }
        }
        task.run();
      }, initialDelay, period);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
