package io.floe.engine.api;

/** Who is to blame for an error; decides logging and how front-ends present it. */
public enum ErrorKind {
  /** The caller sent something wrong: bad SQL, unknown object, missing permission. */
  USER,
  /** A bug or an unexpected state inside Floe. */
  INTERNAL,
  /** A system Floe depends on failed (a remote source, the file system). */
  EXTERNAL,
  /** A limit was reached: connections, memory, size, time. */
  INSUFFICIENT_RESOURCES
}
