package dev.partnerflow.steps.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into addresses for {@link OutboundHttp}; every address returned is checked, and the request
 * connects to a checked one without a second lookup. The default is the system resolver.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface NameResolver {
  /** The system resolver ({@link InetAddress#getAllByName}). */
  NameResolver SYSTEM = InetAddress::getAllByName;

  InetAddress[] resolve(String host) throws UnknownHostException;
}
