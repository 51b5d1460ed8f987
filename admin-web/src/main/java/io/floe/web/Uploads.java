package io.floe.web;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.http.BodyTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams request bodies to temporary files under the data directory, never into memory. The size
 * limit is the upload route's ({@link io.floe.http.Route#upload}): the edge refuses a larger
 * declared length at once and fails a body that grows past it.
 */
final class Uploads {
  private final Path dir;

  Uploads(Path dataDir) {
    this.dir = dataDir.resolve("tmp").resolve("uploads");
    deleteLeftovers();
  }

  /**
   * Deletes uploads older than this process: an import interrupted by a crash leaves its upload
   * behind, and nothing older than the process can still be in use.
   */
  private void deleteLeftovers() {
    long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        if (Files.getLastModifiedTime(f).toMillis() < started) {
          delete(f);
        }
      }
    } catch (IOException ignored) {
      // a later start tries again
    }
  }

  /** Copies {@code in} to a new temporary file; 413 past the route's limit. The caller deletes it. */
  Path save(InputStream in, String suffix) {
    Path file;
    try {
      Files.createDirectories(dir);
      file = Files.createTempFile(dir, "upload-", suffix);
    } catch (IOException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot store the upload: " + e.getMessage(), e);
    }
    try (InputStream body = in; OutputStream out = Files.newOutputStream(file)) {
      body.transferTo(out);
      return file;
    } catch (IOException | RuntimeException e) {
      delete(file);
      if (e instanceof FloeException fe) {
        throw fe;
      }
      if (e instanceof BodyTooLargeException tooLarge) {
        throw new FloeException(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
      }
      throw new FloeException(ErrorCode.IO_ERROR, "the upload was interrupted: " + e.getMessage(), e);
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover temporary file is removed with the next restart's cleanup.
    }
  }
}
