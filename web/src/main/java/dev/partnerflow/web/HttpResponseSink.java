package dev.partnerflow.web;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A server-neutral HTTP response: headers, then status and body. Host adapters implement it over their server's
 * response. For a stream, {@link PartnerflowHttpHandler} keeps the body open after {@code handle} returns and writes
 * and closes it later from a scheduler thread, so an adapter must not end the response when {@code handle} returns.
 *
 * <pre>{@code
 * HttpResponseSink response = new HttpResponseSink() {
 *   public void header(String name, String value) { exchange.getResponseHeaders().add(name, value); }
 *   public OutputStream start(int status, long length) throws IOException {
 *     exchange.sendResponseHeaders(status, length == UNKNOWN_LENGTH ? 0 : length);
 *     return exchange.getResponseBody();
 *   }
 * };
 * }</pre>
 */
public interface HttpResponseSink {
  /** The {@code length} for a body whose size is not known in advance (streamed, chunked). */
  long UNKNOWN_LENGTH = -1;

  /** Adds a response header. Only called before {@link #start}. */
  void header(String name, String value);

  /**
   * Sends the status line and headers and returns the body. Closing the body ends the response.
   *
   * @param status the HTTP status
   * @param length the exact body length, or {@link #UNKNOWN_LENGTH} for a streamed body
   */
  OutputStream start(int status, long length) throws IOException;
}
