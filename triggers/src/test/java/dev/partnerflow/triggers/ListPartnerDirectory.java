package dev.partnerflow.triggers;

import dev.partnerflow.triggers.payload.Partner;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A directory in a list, for tests: partners by id, one zone per organization; counts the queries. */
final class ListPartnerDirectory implements PartnerDirectory {
  private final Map<String, Map<String, Partner>> partners = new ConcurrentHashMap<>();
  private final Map<String, ZoneId> zones = new ConcurrentHashMap<>();
  final AtomicInteger queries = new AtomicInteger();

  ListPartnerDirectory zone(String org, ZoneId zone) {
    zones.put(org, zone);
    return this;
  }

  ListPartnerDirectory put(String org, Partner partner) {
    partners.computeIfAbsent(org, k -> new ConcurrentHashMap<>()).put(partner.id(), partner);
    return this;
  }

  @Override
  public ZoneId zone(String organizationId) {
    return zones.getOrDefault(organizationId, ZoneId.of("UTC"));
  }

  @Override
  public List<Partner> lastActiveBetween(String organizationId, Instant from, Instant before, String afterPartnerId,
      int limit) {
    return page(organizationId, p -> p.lastActivityAt() != null && !p.lastActivityAt().isBefore(from)
        && p.lastActivityAt().isBefore(before), afterPartnerId, limit);
  }

  @Override
  public List<Partner> renewingBetween(String organizationId, LocalDate first, LocalDate last, String afterPartnerId,
      int limit) {
    return page(organizationId, p -> p.contractRenewalDate() != null && !p.contractRenewalDate().isBefore(first)
        && !p.contractRenewalDate().isAfter(last), afterPartnerId, limit);
  }

  private List<Partner> page(String org, Predicate<Partner> filter, String after, int limit) {
    queries.incrementAndGet();
    List<Partner> result = new ArrayList<>();
    partners.getOrDefault(org, Map.of()).values().stream().filter(filter)
        .filter(p -> after == null || p.id().compareTo(after) > 0)
        .sorted(Comparator.comparing(Partner::id)).limit(limit).forEach(result::add);
    return result;
  }
}
