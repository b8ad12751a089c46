package dev.partnerflow.core.engine;

/**
 * A snapshot of an engine's gauges, from {@link WorkflowEngine#stats()}. Events (runs claimed, leases lost, steps
 * finished) reach hosts through {@link RunListener}.
 *
 * <pre>{@code
 * Gauge.builder("partnerflow.runs.in.flight", engine, e -> e.stats().runsInFlight()).register(registry);
 * }</pre>
 *
 * @param runsInFlight runs executing on this engine's workers now
 * @param maxConcurrentRuns the most runs that execute at once; more wait queued in the store
 * @param abandonedThreadsNow worker threads stuck in a step that ignored its timeout's interruption (each was
 *     replaced)
 * @param abandonedThreadsTotal threads abandoned since the engine started
 */
public record EngineStats(int runsInFlight, int maxConcurrentRuns, int abandonedThreadsNow,
    long abandonedThreadsTotal) {}
