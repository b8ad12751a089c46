package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.engine.RunListener;
import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.run.StepAttempt;
import dev.partnerflow.core.store.RunRecord;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the engine's own hooks and the host's run listeners; a listener that throws (anything) is logged and never
 * disturbs the run. The public view of a run is only built when a host listener is registered.
 */
public final class Listeners {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);

  /** What the engine itself needs to hear about runs, on the raw records. */
  public interface Hooks {
    Hooks NONE = new Hooks() { };

    default void runWaiting(RunRecord run) {}

    default void runFinished(RunRecord run) {}
  }

  private final List<RunListener> listeners;
  private final Hooks hooks;

  public Listeners(List<RunListener> listeners, Hooks hooks) {
    this.listeners = List.copyOf(listeners);
    this.hooks = hooks;
  }

  public void runStarted(RunRecord run) {
    notify("runStarted", run, RunListener::runStarted);
  }

  public void stepFinished(RunRecord run, StepAttempt attempt) {
    notify("stepFinished", run, (l, view) -> l.stepFinished(view, attempt));
  }

  public void runWaiting(RunRecord run) {
    guarded("runWaiting", run, () -> hooks.runWaiting(run));
    notify("runWaiting", run, RunListener::runWaiting);
  }

  public void runClaimed(RunRecord run, java.time.Duration latency) {
    notify("runClaimed", run, (l, view) -> l.runClaimed(view, latency));
  }

  public void leaseLost(RunRecord run) {
    notify("leaseLost", run, RunListener::leaseLost);
  }

  public void runFinished(RunRecord run) {
    guarded("runFinished", run, () -> hooks.runFinished(run));
    notify("runFinished", run, RunListener::runFinished);
  }

  private void notify(String event, RunRecord run, BiConsumer<RunListener, Run> call) {
    if (listeners.isEmpty()) {
      return;
    }
    Run view = run.toRun();
    for (RunListener l : listeners) {
      try {
        call.accept(l, view);
      } catch (Throwable t) {
        log.warn("RunListener {} failed in {} for run {}", l.getClass().getName(), event, run.id(), t);
      }
    }
  }

  private static void guarded(String event, RunRecord run, Runnable hook) {
    try {
      hook.run();
    } catch (Throwable t) {
      log.warn("Engine hook failed in {} for run {}", event, run.id(), t);
    }
  }
}
