package dev.partnerflow.core.store;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What a {@link StoreProvider} opens stores from: a URL, or a data source the host owns, plus string properties
 * (a store module documents its own, e.g. schema migration on or off, retention) and the engine's clock.
 *
 * @param url the store URL ({@code memory:}, {@code jdbc:h2:file:...}, {@code jdbc:postgresql://...}); empty when
 *     a data source is given
 * @param dataSource the host's data source (the host closes it); empty when a URL is given
 * @param properties store settings by name
 * @param clock the engine's clock
 */
public record StoreConfig(Optional<String> url, Optional<DataSource> dataSource, Map<String, String> properties,
    Clock clock) {
  public StoreConfig {
    url = url == null ? Optional.empty() : url;
    dataSource = dataSource == null ? Optional.empty() : dataSource;
    if (url.isEmpty() == dataSource.isEmpty()) {
      throw new IllegalArgumentException("exactly one of url or dataSource must be given");
    }
    properties = Map.copyOf(properties == null ? Map.of() : properties);
    Objects.requireNonNull(clock, "clock must not be null");
  }

  public static StoreConfig ofUrl(String url, Map<String, String> properties, Clock clock) {
    return new StoreConfig(Optional.of(url), Optional.empty(), properties, clock);
  }

  public static StoreConfig ofDataSource(DataSource dataSource, Map<String, String> properties, Clock clock) {
    return new StoreConfig(Optional.empty(), Optional.of(dataSource), properties, clock);
  }

  /** A property, or the default. */
  public String property(String name, String defaultValue) {
    return properties.getOrDefault(name, defaultValue);
  }

  /** "the store URL '…'" (credentials masked) or "the host's data source", for messages. */
  public String describe() {
    return url.map(u -> "the store URL '" + mask(u) + "'").orElse("the host's data source");
  }

  private static String mask(String u) {
    return u.replaceAll("//[^@/]*@", "//***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** The URL with any password or user info masked, for logs. */
  @Override
  public String toString() {
    return "StoreConfig[" + url.map(StoreConfig::mask).orElse("dataSource") + ", properties "
        + properties.keySet() + "]";
  }
}
