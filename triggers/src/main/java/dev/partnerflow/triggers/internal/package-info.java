/**
 * Implementation of the partner triggers. Nothing in an {@code internal} package is public API: it may change or
 * disappear in any release without notice. Use {@link dev.partnerflow.triggers.PartnerTrigger},
 * {@link dev.partnerflow.triggers.PartnerEvents} and {@link dev.partnerflow.triggers.PartnerTriggerTypes} instead.
 */
package dev.partnerflow.triggers.internal;
