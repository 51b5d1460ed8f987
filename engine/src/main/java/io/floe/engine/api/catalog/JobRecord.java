package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;

/**
 * A long operation run in the background (an import, an export), as the catalog records it.
 *
 * @param id {@code job_...}
 * @param projectId the project it works in
 * @param operation what it does, e.g. {@code table.import}
 * @param status where it is
 * @param principal who started it, as audit lines name principals
 * @param tokenId the token that started it, or null
 * @param target the object it works on, e.g. {@code in_c_sales.orders}
 * @param result JSON text describing the outcome of a successful job, or null
 * @param errorCode Floe error code of a failed or cancelled job
 * @param errorMessage its message
 */
public record JobRecord(String id, String projectId, String operation, Status status,
    String principal, String tokenId, String target, String result, String errorCode,
    String errorMessage, Instant createdAt, Instant startedAt, Instant finishedAt) {

  /** Job states; {@code success}, {@code error} and {@code cancelled} are final. */
  public enum Status {
    WAITING, PROCESSING, SUCCESS, ERROR, CANCELLED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
      return this == SUCCESS || this == ERROR || this == CANCELLED;
    }

    public static Status parse(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  public JobRecord {
    requireNonNull(id, "id");
    requireNonNull(projectId, "projectId");
    requireNonNull(operation, "operation");
    requireNonNull(status, "status");
    requireNonNull(principal, "principal");
    requireNonNull(createdAt, "createdAt");
  }
}
