package dev.partnerflow.core.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Random ids for runs and workflows: version-4 UUID text, from a fast non-cryptographic source. */
public final class Ids {
  private Ids() {}

  public static String random() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
