/** Implementation details; not public API and may change without notice. */
package dev.partnerflow.core.condition.internal;
