package dev.partnerflow.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.partnerflow.core.engine.RunListener;
import dev.partnerflow.core.engine.WorkflowEngine;
import dev.partnerflow.core.run.Run;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One engine in a JVM of its own, for the multi-process cluster tests: {@code url owner threads leaseMillis
 * stepTimeoutMillis}. Prints {@code READY} once polling, {@code LEASE_LOST <run>} when a write of this engine
 * matched no row, and {@code CLOSED} after a clean stop, which it does when its standard input ends.
 */
public final class ClusterNode {
  private ClusterNode() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String owner = args[1];
    int threads = Integer.parseInt(args[2]);
    Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
    Duration stepTimeout = Duration.ofMillis(Long.parseLong(args[4]));
    try (HikariDataSource logPool = ExecutionLog.pool(url, threads + 1);
        WorkflowEngine engine = WorkflowEngine.builder().storeUrl(url)
            .storeProperty(JdbcStores.POOL_SIZE, Integer.toString(threads + 2))
            .owner(owner).workerThreads(threads).lease(lease).stepTimeout(stepTimeout)
            .pollInterval(Duration.ofMillis(100)).shutdownGrace(Duration.ofSeconds(5))
            .nodeType(new ExecutionLog(logPool, owner))
            .listener(new RunListener() {
              @Override
              public void leaseLost(Run run) {
                say("LEASE_LOST " + run.id());
              }
            }).build()) {
      engine.start();
      say("READY");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        // wait for the end of standard input
      }
    }
    say("CLOSED");
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
