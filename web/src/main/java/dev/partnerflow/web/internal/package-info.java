/**
 * Implementation of the HTTP endpoints. Nothing in this package is public API: it may change or disappear in any
 * release without notice. Use {@link dev.partnerflow.web.PartnerflowHttpHandler} instead.
 */
package dev.partnerflow.web.internal;
