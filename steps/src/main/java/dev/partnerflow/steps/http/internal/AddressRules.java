package dev.partnerflow.steps.http.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which addresses outbound HTTP refuses by default, and how a numeric host is read.
 *
 * <p>Numeric hosts are parsed here with the C library's {@code inet_aton} rules (one to four parts, each decimal,
 * octal with a leading {@code 0} or hex with {@code 0x}), so {@code 2130706433}, {@code 0x7f000001},
 * {@code 0177.0.0.1} and {@code 127.1} are all recognised as 127.0.0.1 and never handed to a system resolver that
 * might read them differently.
 */
public final class AddressRules {
  private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9a-fA-FxX.]+");
  private static final Pattern NUMERIC_PART = Pattern.compile("0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*");

  private AddressRules() {}

  /**
   * Why an address is refused by default, or empty when it is a public unicast address.
   */
  public static Optional<String> refusalReason(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return ipv4Reason(b);
    }
    return ipv6Reason(b);
  }

  private static Optional<String> ipv4Reason(byte[] b) {
    int a0 = b[0] & 0xFF;
    int a1 = b[1] & 0xFF;
    if (a0 == 0) {
      return Optional.of("unspecified (0.0.0.0/8)");
    }
    if (a0 == 127) {
      return Optional.of("loopback (127.0.0.0/8)");
    }
    if (a0 == 10) {
      return Optional.of("private (10.0.0.0/8)");
    }
    if (a0 == 172 && a1 >= 16 && a1 <= 31) {
      return Optional.of("private (172.16.0.0/12)");
    }
    if (a0 == 192 && a1 == 168) {
      return Optional.of("private (192.168.0.0/16)");
    }
    if (a0 == 100 && a1 >= 64 && a1 <= 127) {
      return Optional.of("shared address space (100.64.0.0/10)");
    }
    if (a0 == 169 && a1 == 254) {
      return Optional.of("link-local (169.254.0.0/16, includes the cloud metadata address 169.254.169.254)");
    }
    if (a0 >= 224 && a0 <= 239) {
      return Optional.of("multicast (224.0.0.0/4)");
    }
    if (a0 >= 240) {
      return Optional.of("reserved or broadcast (240.0.0.0/4)");
    }
    return Optional.empty();
  }

  private static Optional<String> ipv6Reason(byte[] b) {
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) {
      firstTenZero &= b[i] == 0;
    }
    boolean firstTwelveZero = firstTenZero && b[10] == 0 && b[11] == 0;
    if (firstTwelveZero) {
      boolean lastFourZero = b[12] == 0 && b[13] == 0 && b[14] == 0;
      if (lastFourZero && b[15] == 0) {
        return Optional.of("unspecified (::)");
      }
      if (lastFourZero && b[15] == 1) {
        return Optional.of("loopback (::1)");
      }
      // IPv4-compatible ::a.b.c.d (deprecated): judge the embedded address
      return embedded(b, 12, "IPv4-compatible IPv6");
    }
    if (firstTenZero && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
      return embedded(b, 12, "IPv4-mapped IPv6");
    }
    if ((b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) {
      return embedded(b, 12, "NAT64 (64:ff9b::/96)");
    }
    if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x02) {
      return embedded(b, 2, "6to4 (2002::/16)");
    }
    int first = b[0] & 0xFF;
    int second = b[1] & 0xFF;
    if ((first & 0xFE) == 0xFC) {
      return Optional.of("unique local (fc00::/7)");
    }
    if (first == 0xFE && (second & 0xC0) == 0x80) {
      return Optional.of("link-local (fe80::/10)");
    }
    if (first == 0xFE && (second & 0xC0) == 0xC0) {
      return Optional.of("site-local (fec0::/10)");
    }
    if (first == 0xFF) {
      return Optional.of("multicast (ff00::/8)");
    }
    return Optional.empty();
  }

  private static Optional<String> embedded(byte[] b, int offset, String form) {
    byte[] v4 = {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]};
    return ipv4Reason(v4).map(reason -> form + " of " + reason);
  }

  /** True when a host is written with only digits, dots and hex letters/'x' and no letter outside hex: a number. */
  public static boolean looksNumeric(String host) {
    if (!NUMERIC_HOST.matcher(host).matches()) {
      return false;
    }
    // "cafe.be" and "dead.beef" are names; a numeric host has at least one digit in every part
    for (String part : host.split("\\.", -1)) {
      if (part.isEmpty() || part.chars().noneMatch(Character::isDigit)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses an IPv4 host the way {@code inet_aton} does ({@code 127.1}, {@code 2130706433}, {@code 0x7f000001},
   * {@code 0177.0.0.1}); null when it is not such a number.
   */
  public static byte[] parseNumericIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length < 1 || parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (!NUMERIC_PART.matcher(p).matches()) {
        return null;
      }
      try {
        if (p.startsWith("0x") || p.startsWith("0X")) {
          values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
        } else if (p.length() > 1 && p.startsWith("0")) {
          values[i] = Long.parseLong(p.substring(1), 8);
        } else {
          values[i] = Long.parseLong(p);
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    long value = 0;
    for (int i = 0; i < parts.length - 1; i++) {
      if (values[i] > 0xFF) {
        return null;
      }
      value = (value << 8) | values[i];
    }
    int lastBytes = 4 - (parts.length - 1);
    long last = values[parts.length - 1];
    if (last >= (1L << (8 * lastBytes))) {
      return null;
    }
    value = (value << (8 * lastBytes)) | last;
    return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
  }

  /**
   * The bytes of an IP literal (any IPv4 numeric form, or IPv6 with or without brackets), null for a name.
   */
  public static byte[] parseLiteral(String host) {
    String h = host.trim();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.indexOf(':') >= 0) {
      try {
        // a string containing ':' is only ever parsed as an IPv6 literal, never looked up
        InetAddress parsed = InetAddress.getByName(h);
        return parsed instanceof Inet6Address || parsed.getAddress().length == 4 ? parsed.getAddress() : null;
      } catch (UnknownHostException e) {
        return null;
      }
    }
    if (looksNumeric(h)) {
      return parseNumericIpv4(h);
    }
    return null;
  }

  /** Lower-cases a host and strips IPv6 brackets and a trailing dot. */
  public static String normalizeHost(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }
}
