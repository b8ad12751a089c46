package dev.partnerflow.core.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a stream's bytes go: the body of one HTTP response. Host adapters wrap their server's response stream with
 * {@link #of(OutputStream)}.
 *
 * <p>A stream writes at most about 1 KB over its whole life (the {@code : connected} comment, one heartbeat per 15
 * seconds for at most 5 minutes and one final event), far below a TCP send buffer, so a write to a client that
 * stopped reading returns at once instead of blocking a shared scheduler thread. A write that throws is taken as a
 * disconnected client.
 *
 * <pre>{@code
 * SseSink sink = SseSink.of(exchange.getResponseBody());
 * }</pre>
 */
public interface SseSink {

  /** Writes already-encoded event-stream text and flushes it to the client. */
  void write(String text) throws IOException;

  /** Ends the response. Called once, after the last write. */
  void close() throws IOException;

  /** A sink writing UTF-8 to {@code out}, flushing after every write and closing {@code out} on close. */
  static SseSink of(OutputStream out) {
    Objects.requireNonNull(out, "out must not be null");
    return new SseSink() {
      @Override
      public void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }
}
