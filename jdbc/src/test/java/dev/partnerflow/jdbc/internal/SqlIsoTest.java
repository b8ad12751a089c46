package dev.partnerflow.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Sql#iso} writes exactly what {@link Instant#toString()} writes (the stored pending steps are read with
 * {@link Instant#parse}); {@link Sql#postgresText} what PostgreSQL reads for every year it keeps.
 */
class SqlIsoTest {
  @Test
  void writes_the_same_text_as_instant_to_string_for_every_fraction_width_and_the_edges_of_its_range() {
    List<Instant> instants = new ArrayList<>(List.of(
        Instant.EPOCH, Instant.EPOCH.minusNanos(1), Instant.EPOCH.minusSeconds(1),
        Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
        Instant.parse("2024-02-29T12:00:00.5Z"), Instant.parse("2026-12-08T18:40:45.674316070Z"),
        Instant.parse("2026-12-01T18:00:00.000001Z"), Instant.parse("2026-12-01T18:00:00.010Z"),
        Instant.parse("1969-12-31T23:59:59.999999Z"),
        // outside 1-9999: Instant.toString's own text
        Instant.parse("0000-12-31T23:59:59.5Z"), Instant.parse("-0001-12-31T23:59:59Z"),
        Instant.parse("+10000-01-01T00:00:00Z"), Instant.MIN, Instant.MAX));
    SplittableRandom random = new SplittableRandom(42);
    long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      Instant at = Instant.ofEpochSecond(random.nextLong(from, to + 1), random.nextInt(1_000_000_000));
      instants.add(at);
      instants.add(at.truncatedTo(ChronoUnit.MICROS));
      instants.add(at.truncatedTo(ChronoUnit.MILLIS));
      instants.add(at.truncatedTo(ChronoUnit.SECONDS));
    }
    for (Instant at : instants) {
      assertThat(Sql.iso(at)).as("%s", at).isEqualTo(at.toString());
    }
  }

  @Test
  void writes_years_before_1_as_years_before_christ_and_years_after_9999_without_a_sign_for_postgresql() {
    assertThat(Sql.postgresText(Instant.parse("2026-12-01T18:00:00.123456Z")))
        .isEqualTo("2026-12-01T18:00:00.123456Z");
    assertThat(Sql.postgresText(Instant.parse("0000-12-31T23:59:59.5Z"))).isEqualTo("0001-12-31T23:59:59.500Z BC");
    assertThat(Sql.postgresText(Instant.parse("-0099-03-01T12:00:00Z"))).isEqualTo("0100-03-01T12:00:00Z BC");
    assertThat(Sql.postgresText(Instant.parse("+12026-06-01T08:30:00Z"))).isEqualTo("12026-06-01T08:30:00Z");
  }
}
