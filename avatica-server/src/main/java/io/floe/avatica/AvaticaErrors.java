package io.floe.avatica;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.ErrorKind;
import io.floe.engine.api.FloeException;
import io.floe.http.PublicError;
import java.util.List;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;

/**
 * Maps Floe errors onto Avatica's error response, keeping code and SQLSTATE: Avatica turns any other
 * exception into code -1 and SQLSTATE 00000 (research §4, STYLE 7). What the client reads is the
 * edge's {@link PublicError}: an internal error is "internal error" with a reference to the log,
 * and no response carries a stack trace (Avatica's own handlers put one in every error).
 */
final class AvaticaErrors {
  private AvaticaErrors() {}

  static AvaticaRuntimeException toAvatica(RuntimeException e) {
    if (e instanceof AvaticaRuntimeException a) {
      return a;
    }
    return toAvatica(PublicError.of(e));
  }

  static AvaticaRuntimeException toAvatica(PublicError e) {
    ErrorKind kind = e.errorCode().map(ErrorCode::kind).orElse(ErrorKind.USER);
    return new AvaticaRuntimeException(e.messageWithHint(), e.errorCode().map(ErrorCode::vendorCode)
        .orElse(Service.ErrorResponse.UNKNOWN_ERROR_CODE), e.sqlState(),
        kind == ErrorKind.USER ? AvaticaSeverity.ERROR : AvaticaSeverity.FATAL);
  }

  static AvaticaRuntimeException of(ErrorCode code, String message) {
    return toAvatica(new FloeException(code, message));
  }

  /**
   * The error response for a failed request: message, vendor code, SQLSTATE and severity, and as
   * its "exceptions" the message alone, never a stack trace. A connection Avatica's service does
   * not know keeps Avatica's missing-connection code, by which its client reconnects.
   */
  static Service.ErrorResponse response(Exception e, Service.RpcMetadataResponse server) {
    if (e instanceof NoSuchConnectionException missing) {
      PublicError error = PublicError.of(ErrorCode.SESSION_CLOSED,
          "connection " + missing.getConnectionId() + " not found: closed or expired", null);
      return new Service.ErrorResponse(List.of(error.message()), error.message(),
          Service.ErrorResponse.MISSING_CONNECTION_ERROR_CODE, error.sqlState(), AvaticaSeverity.ERROR,
          server);
    }
    AvaticaRuntimeException a = e instanceof RuntimeException r ? toAvatica(r)
        : toAvatica(PublicError.internal(e));
    return new Service.ErrorResponse(List.of(a.getErrorMessage()), a.getErrorMessage(),
        a.getErrorCode(), a.getSqlState(), a.getSeverity() == null ? AvaticaSeverity.ERROR
        : a.getSeverity(), server);
  }
}
