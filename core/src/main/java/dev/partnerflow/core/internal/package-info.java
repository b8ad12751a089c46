/**
 * Implementation details of Partnerflow. Nothing in an {@code internal} package is public API: it may change or
 * disappear in any release without notice. Depend on the exported packages instead.
 */
package dev.partnerflow.core.internal;
