package dev.partnerflow.triggers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The config of a trigger that takes none, such as {@code partner_created} or {@code deal_registered}. It has no
 * fields, so a node config that names any field (a typo, a filter the trigger does not support) is refused when the
 * config is bound, instead of being silently ignored.
 *
 * <pre>{@code
 * TriggerType<?> created = PartnerTrigger.PARTNER_CREATED.type();
 * // node JSON: {"type": "partner_created", "config": {}}
 * }</pre>
 */
// The annotation restates the strict mapper's rule and, being a known Jackson annotation, lets Jackson write
// this empty record as {} instead of failing with "no properties discovered".
@JsonIgnoreProperties(ignoreUnknown = false)
public record NoConfig() {
  /** The one value there is. */
  public static final NoConfig INSTANCE = new NoConfig();
}
