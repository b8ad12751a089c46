package dev.partnerflow.core.json;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails as soon as more than a set number of bytes has been read, so an oversized document is never read whole. */
final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private long count;

  LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, (int) Math.min(len, limit - count + 1));
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public void close() {
    // the caller owns the underlying stream
  }

  private void add(long n) throws TooLargeException {
    count += n;
    if (count > limit) {
      throw new TooLargeException();
    }
  }

  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException() {
      super("document too large");
    }
  }
}
