package dev.partnerflow.steps.http;

import dev.partnerflow.steps.http.internal.AddressRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one outbound HTTP client of the Slack and webhook steps, with address checks.
 *
 * <p>For every request it resolves the URL's host once, checks <em>every</em> address against the
 * {@link OutboundPolicy}, and connects to a checked address: the address is handed to the connection as is, and
 * the client's own name resolution refuses every lookup, so no second lookup can swap the address (DNS
 * rebinding). Redirects are never followed: a 3xx comes back as a response for the caller to treat as a
 * failure. System proxy settings are ignored. Numeric hosts in any form ({@code 2130706433}, {@code 0x7f000001},
 * {@code [::ffff:127.0.0.1]}) are parsed here and checked like any other address.
 *
 * <pre>{@code
 * OutboundHttp http = OutboundHttp.builder()
 *     .policy(OutboundPolicy.builder().allow("127.0.0.1:8080").build())
 *     .connectTimeout(Duration.ofSeconds(5))
 *     .build();
 * OutboundResponse r = http.send(new OutboundRequest("POST", URI.create("http://127.0.0.1:8080/hook"),
 *     Map.of("Content-Type", "application/json"), "{}".getBytes(UTF_8)));
 * }</pre>
 *
 * <p>Built on Apache HttpClient 5: its connection operator connects to the address of the target it is given,
 * which {@code java.net.http.HttpClient} cannot be told to do. Thread-safe; close it when the host shuts down.
 *
 * <p>Stability: public API.
 *
 * @since 0.1
 */
public final class OutboundHttp implements AutoCloseable {
  /** Time to establish a TCP (and TLS) connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Longest silence while waiting for response bytes. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
  /** Response bytes kept; the rest is discarded and the connection dropped. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
  /** Connections kept in the pool in total. */
  public static final int DEFAULT_MAX_CONNECTIONS = 50;

  private static final Logger log = LoggerFactory.getLogger(OutboundHttp.class);
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");

  private final OutboundPolicy policy;
  private final NameResolver resolver;
  private final int maxResponseBytes;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final CloseableHttpClient client;

  private OutboundHttp(Builder b) {
    this.policy = b.policy;
    this.resolver = b.resolver;
    this.maxResponseBytes = b.maxResponseBytes;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setDnsResolver(RefuseLookups.INSTANCE)
        .setMaxConnTotal(b.maxConnections)
        .setMaxConnPerRoute(Math.max(2, b.maxConnections / 5))
        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(b.readTimeout)).build())
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(b.connectTimeout))
            .setSocketTimeout(Timeout.of(b.readTimeout))
            .build())
        .build();
    this.client = HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(RequestConfig.custom()
            .setRedirectsEnabled(false)
            .setResponseTimeout(Timeout.of(b.readTimeout))
            .build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableContentCompression()
        .setUserAgent(b.userAgent)
        .build();
  }

  /** A client with {@link OutboundPolicy#DEFAULT} and default timeouts. */
  public static OutboundHttp ofDefaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public OutboundPolicy policy() {
    return policy;
  }

  /**
   * Checks the target and sends the request.
   *
   * @throws OutboundRefusedException before any connection when the target is refused
   * @throws UncheckedIOException when the connection or the exchange fails (timeouts included); the message names
   *     the host, never the path or query
   */
  public OutboundResponse send(OutboundRequest request) {
    URI uri = request.uri();
    String method = request.method().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("method must be one of " + METHODS + ", but was '" + request.method() + "'");
    }
    Target target = check(uri);
    HttpUriRequestBase http = new HttpUriRequestBase(method, uri);
    request.headers().forEach(http::addHeader);
    if (request.body() != null) {
      http.setEntity(new ByteArrayEntity(request.body(), null));
    }
    HttpHost pinned = new HttpHost(target.scheme, target.address, target.host, target.port);
    log.debug("Outbound {} to {} (connecting to checked address {})", method, target.describe(),
        target.address.getHostAddress());
    try {
      try (ClassicHttpResponse response = client.executeOpen(pinned, http, null)) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
          headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
        }
        byte[] body = new byte[0];
        boolean truncated = false;
        HttpEntity entity = response.getEntity();
        if (entity != null) {
          try (InputStream in = entity.getContent()) {
            body = in.readNBytes(maxResponseBytes + 1);
            if (body.length > maxResponseBytes) {
              truncated = true;
              body = java.util.Arrays.copyOf(body, maxResponseBytes);
              http.cancel(); // drop the connection rather than read the rest
            }
          }
        }
        return new OutboundResponse(response.getCode(), headers, body, truncated);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e.getClass().getSimpleName() + " talking to " + target.describe()
          + " (connect timeout " + connectTimeout.toMillis() + " ms, read timeout " + readTimeout.toMillis()
          + " ms)", new IOException(e.getClass().getName()));
    }
  }

  /**
   * Resolves and checks a URL's host without connecting.
   *
   * @throws OutboundRefusedException when it is refused
   */
  public void check(String url) {
    check(URI.create(url));
  }

  private Target check(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new OutboundRefusedException("outbound URL scheme must be http or https, but was '" + scheme + "'");
    }
    String rawHost = uri.getHost();
    int rawPort = uri.getPort();
    if (rawHost == null && uri.getRawAuthority() != null) {
      // java.net.URI leaves the host empty for forms such as 127.1 (a "registry" authority): read it ourselves
      String authority = uri.getRawAuthority();
      if (authority.indexOf('@') >= 0) {
        throw new OutboundRefusedException("outbound URL must not carry user info");
      }
      int colon = authority.lastIndexOf(':');
      rawHost = colon < 0 || authority.endsWith("]") ? authority : authority.substring(0, colon);
      try {
        rawPort = colon < 0 || authority.endsWith("]") ? -1 : Integer.parseInt(authority.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new OutboundRefusedException("outbound URL port must be a number, host " + rawHost);
      }
    }
    if (rawHost == null || rawHost.isBlank()) {
      throw new OutboundRefusedException("outbound URL must have a host, but had none (refused)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new OutboundRefusedException("outbound URL must not carry user info (host " + rawHost + ")");
    }
    String host = AddressRules.normalizeHost(rawHost);
    int port = rawPort >= 0 ? rawPort : scheme.equals("https") ? 443 : 80;
    InetAddress[] addresses;
    byte[] literal = AddressRules.parseLiteral(host);
    try {
      if (literal != null) {
        addresses = new InetAddress[] {InetAddress.getByAddress(literal)};
      } else if (AddressRules.looksNumeric(host)) {
        throw new OutboundRefusedException("outbound host " + host + " looks numeric but is not an IPv4 address");
      } else {
        addresses = resolver.resolve(host);
      }
    } catch (UnknownHostException e) {
      throw new UncheckedIOException("cannot resolve outbound host " + host, new UnknownHostException(host));
    }
    if (addresses == null || addresses.length == 0) {
      throw new UncheckedIOException("cannot resolve outbound host " + host, new UnknownHostException(host));
    }
    for (InetAddress address : addresses) {
      Optional<String> reason = policy.refusalReason(host, port, address);
      if (reason.isPresent()) {
        log.warn("Refused outbound request to {}:{}: it resolves to {}, which is {}. If this target is intended, "
            + "add it to the OutboundPolicy allowlist.", host, port, address.getHostAddress(), reason.get());
        throw new OutboundRefusedException("outbound request to " + host + ":" + port + " refused: "
            + address.getHostAddress() + " is " + reason.get() + "; allow it with OutboundPolicy.builder().allow(\""
            + host + ":" + port + "\") if it is intended");
      }
    }
    try {
      return new Target(scheme, host, port, InetAddress.getByAddress(host, addresses[0].getAddress()));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a resolved address has an invalid length", e);
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      log.debug("Closing the outbound HTTP client failed", e);
    }
  }

  private record Target(String scheme, String host, int port, InetAddress address) {
    String describe() {
      return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** The client never looks a name up itself: every target arrives with its checked address. */
  private enum RefuseLookups implements DnsResolver {
    INSTANCE;

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      throw new UnknownHostException("outbound HTTP connects only to checked addresses; no lookup of " + host);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
      throw new UnknownHostException("outbound HTTP connects only to checked addresses; no lookup of " + host);
    }
  }

  /** Options of an {@link OutboundHttp}; each setter checks its value. */
  public static final class Builder {
    private OutboundPolicy policy = OutboundPolicy.DEFAULT;
    private NameResolver resolver = NameResolver.SYSTEM;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private String userAgent = "Partnerflow/0.1";

    private Builder() {}

    /** Default {@link OutboundPolicy#DEFAULT}. */
    public Builder policy(OutboundPolicy value) {
      this.policy = Objects.requireNonNull(value, "policy must not be null");
      return this;
    }

    /** Default {@link NameResolver#SYSTEM}; tests use a fixed map. */
    public Builder nameResolver(NameResolver value) {
      this.resolver = Objects.requireNonNull(value, "nameResolver must not be null");
      return this;
    }

    /** Default {@link #DEFAULT_CONNECT_TIMEOUT}; between 1 ms and 5 minutes. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = requireTimeout("connectTimeout", value);
      return this;
    }

    /** Default {@link #DEFAULT_READ_TIMEOUT}; between 1 ms and 5 minutes. */
    public Builder readTimeout(Duration value) {
      this.readTimeout = requireTimeout("readTimeout", value);
      return this;
    }

    /** Default {@link #DEFAULT_MAX_RESPONSE_BYTES}; between 0 and 16 MiB. */
    public Builder maxResponseBytes(int value) {
      if (value < 0 || value > 16 * 1024 * 1024) {
        throw new IllegalArgumentException("maxResponseBytes must be between 0 and 16777216, but was " + value);
      }
      this.maxResponseBytes = value;
      return this;
    }

    /** Default {@link #DEFAULT_MAX_CONNECTIONS}; between 1 and 10000. */
    public Builder maxConnections(int value) {
      if (value < 1 || value > 10_000) {
        throw new IllegalArgumentException("maxConnections must be between 1 and 10000, but was " + value);
      }
      this.maxConnections = value;
      return this;
    }

    /** Default {@code Partnerflow/0.1}. */
    public Builder userAgent(String value) {
      if (value == null || value.isBlank() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("userAgent must be one non-blank line, but was '" + value + "'");
      }
      this.userAgent = value;
      return this;
    }

    private static Duration requireTimeout(String name, Duration value) {
      Objects.requireNonNull(value, name + " must not be null");
      if (value.toMillis() < 1 || value.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException(name + " must be between 1 ms and 5 minutes, but was " + value);
      }
      return value;
    }

    public OutboundHttp build() {
      return new OutboundHttp(this);
    }
  }
}
