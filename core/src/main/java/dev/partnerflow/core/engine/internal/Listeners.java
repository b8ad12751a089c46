package dev.partnerflow.core.engine.internal;

import dev.partnerflow.core.run.Run;
import dev.partnerflow.core.engine.RunListener;
import dev.partnerflow.core.store.RunRecord;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the host's run listeners; a listener that throws is logged and never disturbs the run. */
public final class Listeners {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);
  private final List<RunListener> listeners;

  public Listeners(List<RunListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** Tells every listener about a run; the public view is only built when someone listens. */
  public void notify(String event, RunRecord run, BiConsumer<RunListener, Run> call) {
    if (listeners.isEmpty()) {
      return;
    }
    Run view = run.toRun();
    for (RunListener l : listeners) {
      try {
        call.accept(l, view);
      } catch (RuntimeException e) {
        log.warn("RunListener {} failed in {} for run {}", l.getClass().getName(), event, run.id(), e);
      }
    }
  }
}
