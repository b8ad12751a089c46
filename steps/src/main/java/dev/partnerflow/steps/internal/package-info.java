/**
 * The implementations of the standard steps, their checks and helpers.
 *
 * <p>Not API: anything here may change in any release without notice. Use {@link dev.partnerflow.steps.StandardSteps}
 * and the public types of {@link dev.partnerflow.steps}.
 */
package dev.partnerflow.steps.internal;
