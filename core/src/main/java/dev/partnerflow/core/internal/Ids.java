package dev.partnerflow.core.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Ids for runs and workflows: UUID text, from a fast non-cryptographic source. */
public final class Ids {
  private Ids() {}

  /** A version-4 (random) UUID. */
  public static String random() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return withRandomLowBits((r.nextLong() & ~0xF000L) | 0x4000L, r);
  }

  /**
   * A version-7 UUID (RFC 9562): the milliseconds of {@code at} first, then 74 random bits, so that ids made later
   * sort later.
   */
  public static String timeOrdered(Instant at) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return withRandomLowBits((at.toEpochMilli() << 16) | 0x7000L | (r.nextLong() & 0x0FFFL), r);
  }

  /** The UUID text of {@code msb} (version set) and 62 random bits after the RFC variant bits. */
  private static String withRandomLowBits(long msb, ThreadLocalRandom r) {
    return new UUID(msb, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
  }
}
