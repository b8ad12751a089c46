/**
 * Outbound HTTP with address checks, shared by the Slack and webhook steps: {@link
 * dev.partnerflow.steps.http.OutboundHttp}, its {@link dev.partnerflow.steps.http.OutboundPolicy} (refused
 * address ranges and the host's allowlist) and {@link dev.partnerflow.steps.http.OutboundRefusedException}.
 */
package dev.partnerflow.steps.http;
