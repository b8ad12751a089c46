package dev.partnerflow.core.store;

/**
 * Result of {@link RunStore#createIfAbsent}.
 *
 * @param run the stored run: the new one, or the one the same event already started
 * @param created true when this call created it
 */
public record CreateResult(RunRecord run, boolean created) {}
