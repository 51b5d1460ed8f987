package io.floe.engine.session;

import io.floe.engine.api.FloeException;

/** Called once when an execution's result is fully read, closed, or failed. */
@FunctionalInterface
interface Completion {
  void done(long rows, FloeException error);
}
