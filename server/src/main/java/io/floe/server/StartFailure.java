package io.floe.server;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.net.BindException;

/**
 * Why Floe did not start, said so that the person starting it can act: which port is taken and
 * which option moves it, which data directory is in use and by whom. {@link Main} prints the
 * message alone, without a stack trace.
 */
public final class StartFailure extends Exception {
  private StartFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** A listener that could not start; a port in use becomes a message naming it and its option. */
  static Exception explain(Throwable e, String host, int port, String listener, String option,
      String env) {
    if (isBindFailure(e)) {
      return new StartFailure("cannot listen on " + host + ":" + port + " (" + listener
          + "): the address is already in use, probably by another program or another Floe; "
          + "choose another port with " + option + " or " + env + " (0 picks a free one)", e);
    }
    return rethrowable(e);
  }

  /** The engine that could not open; a data directory in use names the option that moves it. */
  static Exception explainEngine(Throwable e) {
    if (e instanceof FloeException f && f.code() == ErrorCode.OBJECT_IN_USE) {
      return new StartFailure(f.getMessage() + " (--data-dir or FLOE_DATA_DIR)", e);
    }
    return rethrowable(e);
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static Exception rethrowable(Throwable e) {
    if (e instanceof Exception exception) {
      return exception;
    }
    if (e instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(e);
  }
}
