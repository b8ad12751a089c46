package dev.partnerflow.steps.internal;

import dev.partnerflow.core.nodes.StepContext;
import dev.partnerflow.core.nodes.StepFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns recipient specs (addresses, {@code role:...}, {@code list:...}) into addresses.
 */
public final class Recipients {
  /** Role name to the event-data path of its address. */
  public static final Map<String, String> ROLES = Map.of(
      "primary_contact", "partner.primaryContact.email",
      "partner_manager", "partner.partnerManager.email",
      "contact", "contact.email");

  private final Map<String, List<String>> lists;

  /**
   * @throws IllegalArgumentException naming the list and the member when a member is not an email address, so a
   *     misconfigured list fails at start-up rather than in every run
   */
  public Recipients(Map<String, List<String>> lists) {
    Map<String, List<String>> checked = new java.util.HashMap<>();
    lists.forEach((name, members) -> {
      List<String> canonical = new ArrayList<>(members.size());
      for (String member : members) {
        try {
          InternetAddress parsed = new InternetAddress(member.trim(), true);
          parsed.validate();
          canonical.add(parsed.toString());
        } catch (AddressException e) {
          throw new IllegalArgumentException("distributionList '" + name + "' members must be email addresses, but"
              + " one was '" + member + "'");
        }
      }
      checked.put(name, List.copyOf(canonical));
    });
    this.lists = Map.copyOf(checked);
  }

  /**
   * Resolves every spec of a field, keeping order and dropping duplicates.
   *
   * @throws StepFailedException (permanent) naming the field, the spec and the node when a spec resolves to
   *     nothing or is not an address
   */
  public List<String> resolve(String field, List<String> specs, StepContext ctx) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : specs) {
      String spec = raw.trim();
      if (spec.startsWith("role:")) {
        String role = spec.substring(5).trim();
        String path = ROLES.get(role);
        if (path == null) {
          throw fail(ctx, "'" + field + "' role must be one of " + ROLES.keySet().stream().sorted().map(r -> "role:" + r)
              .toList() + ", but was '" + spec + "'");
        }
        Object value = ctx.event().value(path).orElse(null);
        if (!(value instanceof String s) || s.isBlank()) {
          throw fail(ctx, "'" + field + "' " + spec + " resolved to no address: the event has no " + path);
        }
        out.add(check(field, s.trim(), spec, ctx));
      } else if (spec.startsWith("list:")) {
        String name = spec.substring(5).trim();
        List<String> members = lists.get(name);
        if (members == null || members.isEmpty()) {
          throw fail(ctx, "'" + field + "' " + spec + " resolved to no address: no distribution list '" + name
              + "' is configured (known lists: " + lists.keySet().stream().sorted().toList()
              + "); add it with StandardSteps.builder().distributionList(...)");
        }
        out.addAll(members);
      } else {
        out.add(check(field, spec, spec, ctx));
      }
    }
    return new ArrayList<>(out);
  }

  private static String check(String field, String address, String spec, StepContext ctx) {
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      parsed.validate();
      return parsed.toString();
    } catch (AddressException e) {
      String from = spec.equals(address) ? "" : " (from " + spec + ")";
      throw fail(ctx, "'" + field + "' must be an email address, role:<role> or list:<name>, but was '" + address
          + "'" + from);
    }
  }

  private static StepFailedException fail(StepContext ctx, String detail) {
    return StepFailedException.permanent("node '" + ctx.nodeId() + "' (send_email): " + detail);
  }
}
