package io.floe.engine.catalog;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of object names. Names become SQL identifiers and path segments on disk, so they are
 * restricted to ASCII letters, digits and underscore: no dots, slashes, quotes or {@code ..}.
 */
public final class Names {
  public static final int MAX_LENGTH = 96;

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9_]+");
  private static final Set<String> RESERVED_SCHEMAS =
      Set.of("public", "information_schema", "pg_catalog", "metadata", "sys", "main", "temp");

  private Names() {}

  /** A project id: letters, digits, underscore (ids like {@code 123} are allowed). */
  public static String projectId(String id) {
    check("project id", id, PROJECT_ID);
    if (RESERVED_SCHEMAS.contains(id.toLowerCase(Locale.ROOT))) {
      throw FloeException.of(ErrorCode.INVALID_NAME, "project id '%s' is reserved", id);
    }
    return id;
  }

  /** A bucket name; it becomes a SQL schema, so a few schema names are reserved. */
  public static String bucket(String name) {
    check("bucket name", name, IDENTIFIER);
    String lower = name.toLowerCase(Locale.ROOT);
    if (RESERVED_SCHEMAS.contains(lower) || lower.startsWith("pg_") || lower.startsWith("_")) {
      throw FloeException.of(ErrorCode.INVALID_NAME, "bucket name '%s' is reserved", name);
    }
    return name;
  }

  public static String table(String name) {
    return check("table name", name, IDENTIFIER);
  }

  public static String column(String name) {
    return check("column name", name, IDENTIFIER);
  }

  /** Any other identifier-like name (workspace objects, links). */
  public static String identifier(String what, String name) {
    return check(what, name, IDENTIFIER);
  }

  private static String check(String what, String name, Pattern pattern) {
    if (name == null || name.isEmpty()) {
      throw FloeException.of(ErrorCode.INVALID_NAME, "%s is missing", what);
    }
    if (name.length() > MAX_LENGTH) {
      throw FloeException.of(ErrorCode.INVALID_NAME,
          "%s is longer than %d characters", what, MAX_LENGTH);
    }
    if (!pattern.matcher(name).matches()) {
      throw FloeException.of(ErrorCode.INVALID_NAME,
          "%s '%s' is invalid: use letters, digits and underscore%s", what, printable(name),
          pattern == IDENTIFIER ? ", starting with a letter or underscore" : "");
    }
    return name;
  }

  private static String printable(String name) {
    StringBuilder b = new StringBuilder();
    name.codePoints().limit(MAX_LENGTH).forEach(cp ->
        b.append(cp < 0x20 || cp == 0x7f ? '?' : (char) cp));
    return b.toString();
  }
}
