package io.floe.engine.api;

import java.util.Locale;

/** What a limited token may do with one bucket. */
public enum BucketPermission {
  READ,
  WRITE;

  public boolean allowsWrite() {
    return this == WRITE;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static BucketPermission parse(String text) {
    return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
      case "read" -> READ;
      case "write" -> WRITE;
      default -> throw io.floe.engine.api.FloeException.invalid(
          "bucket permission must be 'read' or 'write', got '" + text + "'");
    };
  }
}
