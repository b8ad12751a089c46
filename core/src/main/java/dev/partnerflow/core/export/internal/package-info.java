/**
 * Implementation of the export progress streams. Nothing in this package is public API: it may change or disappear
 * in any release without notice. Use {@link dev.partnerflow.core.export.ExportStreams} instead.
 */
package dev.partnerflow.core.export.internal;
