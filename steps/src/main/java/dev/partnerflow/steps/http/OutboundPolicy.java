package dev.partnerflow.steps.http;

import dev.partnerflow.steps.http.internal.AddressRules;
import dev.partnerflow.steps.http.internal.Cidr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses outbound HTTP may connect to.
 *
 * <p>By default every address that is not public unicast is refused: loopback (127/8, ::1), private (10/8,
 * 172.16/12, 192.168/16), shared (100.64/10), unique local (fc00::/7), link-local (169.254/16 with the cloud
 * metadata address 169.254.169.254, fe80::/10), unspecified (0/8, ::), multicast and reserved ranges, the same
 * addresses written as IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6, and numeric hosts in decimal, octal or
 * hex form ({@code 2130706433}, {@code 0x7f000001}). The host opens specific targets with an allowlist of
 * {@code host:port} entries or CIDR ranges.
 *
 * <pre>{@code
 * OutboundPolicy policy = OutboundPolicy.builder()
 *     .allow("crm.internal.example:8443")    // a name and port: every address it resolves to, on that port only
 *     .allow("10.20.0.0/16")                 // a range: any port
 *     .build();
 * }</pre>
 *
 * <p>Stability: public API.
 *
 * @since 0.1
 */
public final class OutboundPolicy {
  /** Refuses every non-public address and allows nothing extra. */
  public static final OutboundPolicy DEFAULT = new OutboundPolicy(Set.of(), List.of());

  private final Set<HostPort> hostPorts;
  private final List<Cidr> ranges;

  private OutboundPolicy(Set<HostPort> hostPorts, List<Cidr> ranges) {
    this.hostPorts = Set.copyOf(hostPorts);
    this.ranges = List.copyOf(ranges);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Why a connection to {@code address} for the URL host {@code host} and {@code port} is refused; empty when
   * allowed.
   */
  public Optional<String> refusalReason(String host, int port, InetAddress address) {
    Optional<String> reason = AddressRules.refusalReason(address);
    if (reason.isEmpty()) {
      return reason;
    }
    String h = AddressRules.normalizeHost(host);
    String literal = address.getHostAddress();
    for (HostPort hp : hostPorts) {
      if (hp.port == port && (hp.host.equals(h) || hp.host.equals(AddressRules.normalizeHost(literal)))) {
        return Optional.empty();
      }
    }
    for (Cidr range : ranges) {
      if (range.contains(address)) {
        return Optional.empty();
      }
    }
    return reason;
  }

  /** The allowlist entries, as given. */
  public List<String> allowlist() {
    List<String> out = new ArrayList<>();
    hostPorts.forEach(hp -> out.add(hp.toString()));
    ranges.forEach(r -> out.add(r.toString()));
    return out;
  }

  @Override
  public String toString() {
    return "OutboundPolicy[allowlist=" + allowlist() + "]";
  }

  private record HostPort(String host, int port) {
    @Override
    public String toString() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** Collects allowlist entries; values are checked as they are added. */
  public static final class Builder {
    private final Set<HostPort> hostPorts = new LinkedHashSet<>();
    private final List<Cidr> ranges = new ArrayList<>();

    private Builder() {}

    /**
     * Adds an allowlist entry: {@code host:port} ({@code 127.0.0.1:8080}, {@code [::1]:8080},
     * {@code crm.example:443}) or a CIDR range ({@code 10.20.0.0/16}, {@code fd00::/8}).
     *
     * @throws IllegalArgumentException when the entry is neither form
     */
    public Builder allow(String entry) {
      Objects.requireNonNull(entry, "allowlist entry must not be null");
      String e = entry.trim();
      if (e.indexOf('/') >= 0) {
        ranges.add(Cidr.parse(e));
        return this;
      }
      int colon = e.lastIndexOf(':');
      if (colon <= 0 || colon == e.length() - 1 || (e.indexOf(':') != colon && !e.startsWith("["))) {
        throw new IllegalArgumentException("allowlist entry must be host:port or a CIDR range, but was '" + entry
            + "' (write IPv6 as [::1]:8080)");
      }
      int port;
      try {
        port = Integer.parseInt(e.substring(colon + 1));
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("allowlist entry port must be a number between 1 and 65535, but was '"
            + entry + "'", ex);
      }
      return allow(e.substring(0, colon), port);
    }

    /**
     * Allows one host (a name or an address literal) on one port.
     *
     * @throws IllegalArgumentException when the host is blank or the port is not between 1 and 65535
     */
    public Builder allow(String host, int port) {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("allowlist host must not be blank, but was '" + host + "'");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("allowlist port must be between 1 and 65535, but was " + port);
      }
      String h = AddressRules.normalizeHost(host);
      byte[] literal = AddressRules.parseLiteral(h);
      if (literal != null) {
        try {
          h = AddressRules.normalizeHost(InetAddress.getByAddress(literal).getHostAddress());
        } catch (java.net.UnknownHostException e) {
          throw new IllegalArgumentException("allowlist host must be a name or an address, but was '" + host + "'",
              e);
        }
      }
      hostPorts.add(new HostPort(h, port));
      return this;
    }

    public OutboundPolicy build() {
      return new OutboundPolicy(hostPorts, ranges);
    }
  }
}
