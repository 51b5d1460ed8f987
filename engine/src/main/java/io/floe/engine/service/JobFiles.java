package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.JobRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files jobs produce (exports), one directory per job under {@code <data-dir>/jobs/}, kept for a
 * retention period after the job finished; directories of jobs the catalog no longer knows (their
 * project was deleted) go too.
 */
final class JobFiles {
  private static final Logger LOG = LoggerFactory.getLogger(JobFiles.class);

  private final Path root;
  private final Catalog catalog;
  private final Duration retention;
  private final Clock clock;

  JobFiles(Path dataDir, Catalog catalog, Duration retention, Clock clock) {
    this.root = dataDir.toAbsolutePath().normalize().resolve("jobs");
    this.catalog = requireNonNull(catalog, "catalog");
    this.retention = requireNonNull(retention, "retention");
    this.clock = requireNonNull(clock, "clock");
  }

  /** A job's directory, created if needed. */
  Path directory(String jobId) {
    Path dir = dirOf(jobId);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot create the job's directory", e);
    }
    return dir;
  }

  /** The file a job made, if it still exists. */
  Optional<Path> file(String jobId) {
    Path dir = dirOf(jobId);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).findFirst();
    } catch (IOException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot read the job's file", e);
    }
  }

  private Path dirOf(String jobId) {
    Path dir = root.resolve(jobId).normalize();
    if (!dir.getParent().equals(root)) {
      throw new FloeException(ErrorCode.INVALID_NAME, "invalid job id");
    }
    return dir;
  }

  /** Deletes files past their retention and files of jobs that no longer exist. */
  void deleteExpired() {
    try {
      if (!Files.isDirectory(root)) {
        return;
      }
      Instant before = clock.instant().minus(retention);
      for (String id : catalog.read(tx -> JobRows.finishedBefore(tx, before))) {
        deleteTree(root.resolve(id));
      }
      try (Stream<Path> dirs = Files.list(root)) {
        for (Path dir : dirs.toList()) {
          String id = dir.getFileName().toString();
          if (catalog.read(tx -> JobRows.byId(tx, id)).isEmpty()) {
            deleteTree(dir);
          }
        }
      }
    } catch (RuntimeException | IOException e) {
      LOG.warn("Could not clean up job files: {}", e.getMessage());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
