package dev.partnerflow.web.internal;

import java.io.IOException;

/** What a route does. */
@FunctionalInterface
public interface Action {
  void run(Exchange exchange) throws IOException;
}
