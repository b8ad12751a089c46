package dev.partnerflow.steps.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partnerflow.steps.testing.CountingSocket;
import dev.partnerflow.steps.testing.TestHttpServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundHttpTest {
  private CountingSocket counting;
  private TestHttpServer server;

  @BeforeEach
  void start() {
    counting = new CountingSocket();
    server = new TestHttpServer();
  }

  @AfterEach
  void stop() throws Exception {
    counting.close();
    server.close();
  }

  private static OutboundResponse get(OutboundHttp http, String url) {
    return http.send(new OutboundRequest("GET", URI.create(url), Map.of(), null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "2130706433", "0x7f000001", "0x7F.0.0.1", "0177.0.0.1", "127.1",
      "127.0.1", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:127.0.0.1]", "[::127.0.0.1]",
      "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "0.0.0.0", "0"})
  void loopback_and_unspecified_in_every_form_are_refused_before_connecting(String host) {
    try (OutboundHttp http = OutboundHttp.ofDefaults()) {
      assertThatThrownBy(() -> get(http, "http://" + host + ":" + counting.port() + "/hook?token=s3cr3t"))
          .isInstanceOf(OutboundRefusedException.class)
          .hasMessageContaining("refused")
          .hasMessageNotContaining("s3cr3t");
    }
    assertThat(counting.accepted()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.1.1",
      "100.64.0.1", "100.127.255.254", "169.254.169.254", "169.254.0.1", "224.0.0.1", "239.255.255.250",
      "255.255.255.255", "[fc00::1]", "[fd12:3456::1]", "[fe80::1]", "[febf::1]", "[ff02::1]", "[::]",
      "[::ffff:169.254.169.254]", "[::ffff:a9fe:a9fe]", "[::ffff:10.0.0.1]", "2852039166", "0xa9fea9fe",
      "0251.0376.0251.0376", "[64:ff9b::a9fe:a9fe]"})
  void private_link_local_metadata_multicast_are_refused(String host) {
    try (OutboundHttp http = OutboundHttp.ofDefaults()) {
      assertThatThrownBy(() -> get(http, "http://" + host + "/latest/meta-data"))
          .isInstanceOf(OutboundRefusedException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"172.15.0.1", "172.32.0.1", "100.63.255.255", "100.128.0.1", "8.8.8.8", "[2606:4700::1]"})
  void public_neighbours_of_refused_ranges_pass_the_check(String host) {
    InetAddress address = InetAddressFor.literal(host);
    assertThat(OutboundPolicy.DEFAULT.refusalReason(host, 80, address)).isEmpty();
  }

  @Test
  void every_address_of_a_name_is_checked() {
    NameResolver mixed = host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14}),
        InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
    try (OutboundHttp http = OutboundHttp.builder().nameResolver(mixed).build()) {
      assertThatThrownBy(() -> get(http, "http://rebind.example:" + counting.port() + "/"))
          .isInstanceOf(OutboundRefusedException.class)
          .hasMessageContaining("127.0.0.1 is loopback");
    }
    assertThat(counting.accepted()).isZero();
  }

  @Test
  void the_checked_address_is_the_one_connected_to_without_a_second_lookup() {
    AtomicInteger lookups = new AtomicInteger();
    NameResolver once = host -> {
      if (lookups.incrementAndGet() > 1) {
        // a second lookup would get an address nobody checked
        return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1})};
      }
      return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
    };
    OutboundPolicy policy = OutboundPolicy.builder().allow("hooks.test:" + server.port()).build();
    try (OutboundHttp http = OutboundHttp.builder().policy(policy).nameResolver(once).build()) {
      OutboundResponse r = get(http, "http://hooks.test:" + server.port() + "/ping");
      assertThat(r.status()).isEqualTo(200);
    }
    assertThat(lookups).hasValue(1);
    assertThat(server.received()).singleElement()
        .satisfies(req -> assertThat(req.header("Host")).isEqualTo("hooks.test:" + server.port()));
  }

  @Test
  void allowlist_host_port_opens_exactly_that_port() {
    OutboundPolicy policy = OutboundPolicy.builder().allow("127.0.0.1:" + server.port()).build();
    try (OutboundHttp http = OutboundHttp.builder().policy(policy).build()) {
      assertThat(get(http, server.url("/a")).status()).isEqualTo(200);
      assertThatThrownBy(() -> get(http, "http://127.0.0.1:" + counting.port() + "/"))
          .isInstanceOf(OutboundRefusedException.class);
    }
    assertThat(counting.accepted()).isZero();
  }

  @Test
  void allowlist_cidr_opens_a_range_on_any_port() {
    OutboundPolicy policy = OutboundPolicy.builder().allow("127.0.0.0/8").build();
    try (OutboundHttp http = OutboundHttp.builder().policy(policy).build()) {
      assertThat(get(http, server.url("/a")).status()).isEqualTo(200);
      assertThat(get(http, "http://2130706433:" + server.port() + "/b").status()).isEqualTo(200);
    }
    assertThat(server.received()).hasSize(2);
  }

  @Test
  void redirects_are_returned_not_followed() {
    server.answer(new TestHttpServer.Answer(302,
        Map.of("Location", "http://127.0.0.1:" + counting.port() + "/internal"), ""));
    OutboundPolicy policy = OutboundPolicy.builder().allow("127.0.0.1:" + server.port()).build();
    try (OutboundHttp http = OutboundHttp.builder().policy(policy).build()) {
      assertThat(get(http, server.url("/start")).status()).isEqualTo(302);
    }
    assertThat(counting.accepted()).isZero();
  }

  @Test
  void long_bodies_are_cut_at_the_limit() {
    server.always(TestHttpServer.Answer.of(200, "x".repeat(10_000)));
    OutboundPolicy policy = OutboundPolicy.builder().allow("127.0.0.1:" + server.port()).build();
    try (OutboundHttp http = OutboundHttp.builder().policy(policy).maxResponseBytes(100).build()) {
      OutboundResponse r = get(http, server.url("/big"));
      assertThat(r.body()).hasSize(100);
      assertThat(r.truncated()).isTrue();
      assertThat(get(http, server.url("/again")).status()).isEqualTo(200);
    }
  }

  @Test
  void non_http_schemes_and_user_info_are_refused() {
    try (OutboundHttp http = OutboundHttp.ofDefaults()) {
      assertThatThrownBy(() -> get(http, "file:///etc/passwd")).isInstanceOf(OutboundRefusedException.class);
      assertThatThrownBy(() -> get(http, "http://user:pw@example.com/")).isInstanceOf(OutboundRefusedException.class)
          .hasMessageNotContaining("pw");
    }
  }

  @Test
  void bad_allowlist_entries_say_what_is_expected() {
    assertThatThrownBy(() -> OutboundPolicy.builder().allow("127.0.0.1"))
        .hasMessageContaining("must be host:port or a CIDR range, but was '127.0.0.1'");
    assertThatThrownBy(() -> OutboundPolicy.builder().allow("10.0.0.0/40"))
        .hasMessageContaining("prefix length must be between 0 and 32, but was 40");
    assertThatThrownBy(() -> OutboundPolicy.builder().allow("example.com:0"))
        .hasMessageContaining("port must be between 1 and 65535, but was 0");
  }

  /** Parses literals in tests without any lookup. */
  static final class InetAddressFor {
    static InetAddress literal(String host) {
      try {
        return InetAddress.getByAddress(dev.partnerflow.steps.http.internal.AddressRules.parseLiteral(host));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
