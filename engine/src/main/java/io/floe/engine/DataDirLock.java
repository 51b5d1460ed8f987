package io.floe.engine;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one engine that may use a data directory. Two processes on one directory would each keep
 * their own view of the catalog and fight over DuckDB's file locks, so the second is refused at
 * start, before it changes anything. The lock is an operating-system lock on {@code floe.lock}:
 * it goes away with the process however the process ends, and the file only says who holds it.
 */
final class DataDirLock implements AutoCloseable {
  static final String FILE_NAME = "floe.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the directory, or fails with {@link ErrorCode#OBJECT_IN_USE} naming the holder. */
  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another engine in this very process
      }
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        channel.close();
        throw new FloeException(ErrorCode.OBJECT_IN_USE, "data directory " + dataDir
            + " is in use by another Floe" + (holder.isEmpty() ? "" : " (" + holder + ")")
            + "; stop it, or start this one on another data directory");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started "
          + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)));
      channel.force(false);
      return new DataDirLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new FloeException(ErrorCode.IO_ERROR, "cannot lock data directory " + dataDir + ": "
          + e.getMessage(), e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Closing is all that is left to do.
      }
    }
  }

  @Override public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // The channel's close below releases it too.
    }
    closeQuietly(channel);
  }
}
