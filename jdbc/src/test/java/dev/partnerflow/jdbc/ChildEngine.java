package dev.partnerflow.jdbc;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClusterNode} engine in a child JVM on the test's class path. Always {@link #close}d: a clean stop when
 * still running (its standard input is closed), else killed.
 */
final class ChildEngine implements AutoCloseable {
  final String owner;
  final Process process;
  final Path stderr;
  final List<String> lines = new CopyOnWriteArrayList<>();
  private final CountDownLatch ready = new CountDownLatch(1);

  private ChildEngine(String owner, Process process, Path stderr) {
    this.owner = owner;
    this.process = process;
    this.stderr = stderr;
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
          if (line.equals("READY")) {
            ready.countDown();
          }
        }
      } catch (IOException e) {
        // the child is gone
      }
    }, "child-" + owner);
    reader.setDaemon(true);
    reader.start();
  }

  static ChildEngine start(Path dir, String url, String owner, int threads, Duration lease, Duration stepTimeout)
      throws IOException, InterruptedException {
    Path err = dir.resolve(owner + ".err");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dorg.slf4j.simpleLogger.showDateTime=true", "-cp", classPath(), ClusterNode.class.getName(), url, owner,
        Integer.toString(threads), Long.toString(lease.toMillis()), Long.toString(stepTimeout.toMillis()))
        .redirectError(err.toFile());
    ChildEngine child = new ChildEngine(owner, pb.start(), err);
    if (!child.ready.await(60, TimeUnit.SECONDS)) {
      child.close();
      throw new IllegalStateException("engine " + owner + " did not start within 60 s: " + child.log());
    }
    return child;
  }

  /** The test classes, then the module path and class path the tests run on. */
  static String classPath() {
    List<String> parts = new ArrayList<>();
    try {
      var source = ClusterNode.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        parts.add(Path.of(source.getLocation().toURI()).toString());
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    String basedir = System.getProperty("basedir");
    if (basedir != null) {
      parts.add(Path.of(basedir, "target", "test-classes").toString());
      parts.add(Path.of(basedir, "target", "classes").toString());
    }
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        parts.addAll(Arrays.asList(value.split(File.pathSeparator)));
      }
    }
    return String.join(File.pathSeparator, parts.stream().distinct().toList());
  }

  long pid() {
    return process.pid();
  }

  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
    }
  }

  /** Pauses up to {@code millis} waiting on the child: false when it has exited. */
  boolean pause(long millis) throws InterruptedException {
    return !process.waitFor(millis, TimeUnit.MILLISECONDS);
  }

  /** A clean stop: closes standard input and waits for the engine to close. @return the exit code */
  int stop(Duration within) throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("engine " + owner + " did not stop within " + within + ": " + log());
    }
    return process.exitValue();
  }

  long count(String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).count();
  }

  String log() {
    try {
      return "stdout " + lines + "\nstderr:\n" + (Files.exists(stderr) ? Files.readString(stderr) : "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
