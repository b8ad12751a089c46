/** Implementation details of the stores; not public API and may change without notice. */
package dev.partnerflow.core.store.internal;
