/** Implementation of the generators. Nothing here is public API; it may change in any release without notice. */
package dev.partnerflow.generator.internal;
