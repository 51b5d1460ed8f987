package io.floe.engine.api;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every front-end does with an internal error (a bug, or an engine error of
 * {@link ErrorKind#INTERNAL}): the operator's log gets the cause under a new reference, and the
 * client reads only "internal error" and that reference, never a stack trace or an internal message.
 */
public final class InternalErrors {
  private static final Logger LOG = LoggerFactory.getLogger(InternalErrors.class);

  private InternalErrors() {}

  /** Logs {@code cause} under a new reference and returns the reference. */
  public static String log(Throwable cause) {
    String reference = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    LOG.error("Internal error, reference {}", reference, cause);
    return reference;
  }

  /** The message a client reads for an internal error logged under {@code reference}. */
  public static String message(String reference) {
    return "internal error (reference " + reference + ")";
  }
}
