package dev.partnerflow.steps.http.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** An address range such as {@code 10.0.0.0/8} or {@code fc00::/7}. IPv4 ranges never match IPv6 addresses. */
public record Cidr(byte[] network, int prefixLength, String text) {
  public Cidr {
    Objects.requireNonNull(network, "network must not be null");
    if (prefixLength < 0 || prefixLength > network.length * 8) {
      throw new IllegalArgumentException("CIDR prefix length must be between 0 and " + network.length * 8
          + ", but was " + prefixLength + " ('" + text + "')");
    }
  }

  /**
   * Parses {@code address/prefix}; the address must be a literal (dotted IPv4 or IPv6), never a name.
   *
   * @throws IllegalArgumentException when the text is not a CIDR range
   */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "cidr must not be null");
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("cidr must be <address>/<prefix length>, but was '" + text + "'");
    }
    String address = text.substring(0, slash).trim();
    byte[] bytes = AddressRules.parseLiteral(address);
    if (bytes == null) {
      throw new IllegalArgumentException("cidr address must be an IPv4 or IPv6 literal, but was '" + text + "'");
    }
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cidr prefix length must be a whole number, but was '" + text + "'", e);
    }
    return new Cidr(bytes, prefix, text.trim());
  }

  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (candidate[full] & mask) == (network[full] & mask);
  }

  /** The range as an address, for messages. */
  public InetAddress networkAddress() {
    try {
      return InetAddress.getByAddress(network);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
