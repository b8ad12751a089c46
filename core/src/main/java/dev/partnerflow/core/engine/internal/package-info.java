/**
 * Implementation of the engine: compiled workflows, the run processor, the timeout watchdog. Not public API; it may
 * change in any release without notice.
 */
package dev.partnerflow.core.engine.internal;
