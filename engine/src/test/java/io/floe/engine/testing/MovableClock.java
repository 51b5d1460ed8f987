package io.floe.engine.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs with real time from where the test put it: {@link #advance} jumps it forward,
 * so expiry can be tested without waiting and without racing a slow machine.
 */
public final class MovableClock extends Clock {
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  /** Moves the clock forward by {@code by}; it keeps running from there. */
  public void advance(Duration by) {
    offset.updateAndGet(current -> current.plus(by));
  }

  @Override public Instant instant() {
    return Instant.now().plus(offset.get());
  }

  @Override public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a movable clock stays in UTC");
  }
}
