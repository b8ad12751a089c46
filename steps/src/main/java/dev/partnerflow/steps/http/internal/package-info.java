/**
 * Implementation of outbound HTTP safety: address classification, numeric host parsing, CIDR matching.
 *
 * <p>Not API: anything here may change in any release without notice. Use {@link dev.partnerflow.steps.http}.
 */
package dev.partnerflow.steps.http.internal;
