package dev.partnerflow.spring.boot;

import dev.partnerflow.core.engine.WorkflowEngine;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the engine's poller when the application context has started and closes the engine when it stops, before
 * the beans the engine's steps use (mail sender, data sources) are destroyed. Stopping waits up to
 * {@code partnerflow.shutdown-grace} for steps in flight, then gives the remaining runs back to the store.
 *
 * @since 0.1
 */
public final class PartnerflowEngineLifecycle implements SmartLifecycle {
  /** Phase: started late and stopped early, just inside the web server's graceful-shutdown phase. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

  private final WorkflowEngine engine;
  private volatile boolean running;

  public PartnerflowEngineLifecycle(WorkflowEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine must not be null");
  }

  @Override
  public void start() {
    engine.start();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    engine.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
