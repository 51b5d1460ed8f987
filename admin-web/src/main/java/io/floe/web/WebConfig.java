package io.floe.web;

/**
 * Limits of the REST API.
 *
 * @param maxUploadBytes largest import body accepted (413 above it)
 * @param asyncImportBytes imports of uploads larger than this run as a job (202) instead of
 *     answering when done
 */
public record WebConfig(long maxUploadBytes, long asyncImportBytes) {
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 50L << 30;
  public static final long DEFAULT_ASYNC_IMPORT_BYTES = 16L << 20;

  public WebConfig {
    if (maxUploadBytes < 1024) {
      throw new IllegalArgumentException("maxUploadBytes must be at least 1 KiB");
    }
    if (asyncImportBytes < 0) {
      throw new IllegalArgumentException("asyncImportBytes must not be negative");
    }
  }

  public WebConfig(long maxUploadBytes) {
    this(maxUploadBytes, DEFAULT_ASYNC_IMPORT_BYTES);
  }

  public static WebConfig defaults() {
    return new WebConfig(DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_ASYNC_IMPORT_BYTES);
  }
}
