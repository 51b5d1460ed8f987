package io.floe.avatica;

import io.floe.engine.error.ErrorCode;
import io.floe.engine.error.ErrorKind;
import io.floe.engine.error.FloeException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps Floe errors onto Avatica's error response, keeping code and SQLSTATE: Avatica turns any other
 * exception into code -1 and SQLSTATE 00000 (research §4, STYLE 7).
 */
final class AvaticaErrors {
  private static final Logger LOG = LoggerFactory.getLogger(AvaticaErrors.class);

  private AvaticaErrors() {}

  static AvaticaRuntimeException toAvatica(FloeException e) {
    if (e.code().kind() == ErrorKind.INTERNAL) {
      LOG.error("Internal error", e);
    }
    AvaticaSeverity severity = e.code().kind() == ErrorKind.USER ? AvaticaSeverity.ERROR
        : AvaticaSeverity.FATAL;
    return new AvaticaRuntimeException(e.messageWithHint(), e.code().vendorCode(), e.sqlState(),
        severity);
  }

  static AvaticaRuntimeException toAvatica(RuntimeException e) {
    if (e instanceof AvaticaRuntimeException a) {
      return a;
    }
    if (e instanceof FloeException f) {
      return toAvatica(f);
    }
    LOG.error("Unexpected error in the Avatica endpoint", e);
    return toAvatica(FloeException.internal("internal error: " + e.getMessage(), e));
  }

  static AvaticaRuntimeException of(ErrorCode code, String message) {
    return toAvatica(new FloeException(code, message));
  }
}
