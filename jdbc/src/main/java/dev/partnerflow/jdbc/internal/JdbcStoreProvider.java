package dev.partnerflow.jdbc.internal;

import dev.partnerflow.core.store.StoreConfig;
import dev.partnerflow.core.store.StoreProvider;
import dev.partnerflow.jdbc.JdbcStores;
import java.util.Optional;

/**
 * Opens {@link JdbcStores} for {@code jdbc:h2:} and {@code jdbc:postgresql:} URLs (with a pool the stores own) and
 * for any host data source (dialect from its metadata). Found by ServiceLoader.
 */
public final class JdbcStoreProvider implements StoreProvider {
  @Override
  public Optional<Stores> open(StoreConfig config) {
    if (config.dataSource().isPresent()) {
      return Optional.of(JdbcStores.fromProperties(config.properties()).clock(config.clock()).dataSource(config.dataSource().get())
          .build());
    }
    String url = config.url().orElseThrow();
    if (Dialect.ofUrl(url) == null) {
      return Optional.empty();
    }
    return Optional.of(JdbcStores.fromProperties(config.properties()).clock(config.clock()).url(url).build());
  }
}
