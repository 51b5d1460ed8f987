package io.floe.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A body that fails with {@link BodyTooLargeException} once more than its limit is read. */
final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private long count;

  LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      check(1);
    }
    return b;
  }

  @Override public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      check(n);
    }
    return n;
  }

  private void check(long n) throws BodyTooLargeException {
    count += n;
    if (count > limit) {
      throw new BodyTooLargeException(limit);
    }
  }
}
