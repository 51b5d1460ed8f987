package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.audit.AuditEvent;
import io.floe.engine.audit.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Puts storage API changes that grant access or change data (imports, tokens, sharing, workspaces,
 * dev branches) into the same audit log as SQL statements, one line each: the operation is written where a statement's
 * text goes ({@code IMPORT INTO p.b.t INCREMENTAL}, {@code SHARE BUCKET p.b WITH q}), front-end
 * {@code rest}. Failures are audited too.
 */
public final class StorageAudit {
  private final AuditLog log;

  public StorageAudit(AuditLog log) {
    this.log = requireNonNull(log, "log");
  }

  /** Runs {@code work} and audits it as {@code operation} on {@code objects}. */
  public <T> T record(Principal p, String operation, List<String> objects, Supplier<T> work) {
    Instant start = Instant.now();
    try {
      T result = work.get();
      write(p, operation, objects, start, rows(result), null);
      return result;
    } catch (FloeException e) {
      write(p, operation, objects, start, 0, e);
      throw e;
    } catch (RuntimeException e) {
      write(p, operation, objects, start, 0, FloeException.internal(String.valueOf(e.getMessage()), e));
      throw e;
    }
  }

  private static long rows(Object result) {
    return result instanceof TableService.ImportResult r ? r.importedRows() : 0;
  }

  private void write(Principal p, String operation, List<String> objects, Instant start, long rows,
      FloeException error) {
    String outcome = error == null ? "ok"
        : error.code() == ErrorCode.QUERY_CANCELLED ? "cancelled" : "error";
    log.record(new AuditEvent(start, p.name(), "rest", "-", operation, objects, rows,
        Duration.between(start, Instant.now()).toMillis(), outcome,
        error == null ? null : error.code().code(), error == null ? null : error.sqlState(),
        List.of(), 0, p.projectId()));
  }
}
