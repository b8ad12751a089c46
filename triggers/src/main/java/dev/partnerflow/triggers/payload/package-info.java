/**
 * The typed records behind partner event data: {@link dev.partnerflow.triggers.payload.Partner},
 * {@link dev.partnerflow.triggers.payload.Person}, {@link dev.partnerflow.triggers.payload.Deal} and the rest.
 * Each has a {@code toMap()} giving the JSON-like map that templates ({@code {{partner.name}}}) and branch
 * conditions ({@code deal.amount}) read: stable field names, null fields left out, dates as ISO-8601 strings,
 * amounts as numbers. {@link dev.partnerflow.triggers.PartnerEvents} puts them into events.
 */
package dev.partnerflow.triggers.payload;
