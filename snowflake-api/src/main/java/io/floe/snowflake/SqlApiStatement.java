package io.floe.snowflake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A statement handle of the SQL API, one of three kinds: a single statement running in the
 * engine under its own handle ({@link #engineId}); a multi-statement request, whose
 * {@link #children} run one after another; or a request refused before anything ran
 * ({@link #failure} set at once), which answers its refusal to every later GET as Snowflake does.
 * The handle is a UUID, as Snowflake's are; who may see it is decided by {@link #visibleTo}.
 */
final class SqlApiStatement {
  final String handle;
  final Principal owner;
  /** The request id it was submitted with (null without one), for the status URL. */
  final String requestId;
  /** Whether SQL NULL is JSON null (true) or the string {@code "null"} (false). */
  final boolean nullable;
  final Instant createdOn;
  final boolean multi;
  /** The engine's handle of a single statement, once submitted. */
  volatile String engineId;
  /** Why it failed, for a refused request or a multi-statement request whose child failed. */
  private volatile SnowflakeErrors.Mapped failure;
  private volatile int failureStatus;
  /** A multi-statement request's statements, each added as it starts. */
  final List<SqlApiStatement> children = new CopyOnWriteArrayList<>();
  /** Completes when a multi-statement request's last statement ended. */
  final CompletableFuture<Void> done = new CompletableFuture<>();
  volatile boolean cancelled;
  /** {@code partitionInfo} of a result, computed on first use. */
  private volatile ArrayNode partitionInfo;

  SqlApiStatement(String handle, Principal owner, String requestId, boolean nullable,
      Instant createdOn, boolean multi) {
    this.handle = handle;
    this.owner = owner;
    this.requestId = requestId;
    this.nullable = nullable;
    this.createdOn = createdOn;
    this.multi = multi;
  }

  /**
   * Whether {@code p} may see this handle: the admin sees all, a project's master token those of
   * its project, any other token its own (the engine's rule for its handles).
   */
  boolean visibleTo(Principal p) {
    if (p.isAdmin() || p.name().equals(owner.name())) {
      return true;
    }
    return owner.projectId() != null && owner.projectId().equals(p.projectId())
        && p.token() != null && p.token().master();
  }

  SnowflakeErrors.Mapped failure() {
    return failure;
  }

  int failureStatus() {
    return failureStatus;
  }

  /** Records a failure: 408 for a statement that hit its timeout, else 422. */
  void fail(FloeException e) {
    fail(e.code() == ErrorCode.STATEMENT_TIMEOUT ? 408 : 422, SnowflakeErrors.of(e));
  }

  void fail(int status, SnowflakeErrors.Mapped m) {
    failureStatus = status;
    failure = m;
  }

  ArrayNode partitionInfo() {
    return partitionInfo;
  }

  void partitionInfo(ArrayNode info) {
    partitionInfo = info;
  }

  String statusUrl() {
    return "/api/v2/statements/" + handle + (requestId == null ? "" : "?requestId=" + requestId);
  }
}
