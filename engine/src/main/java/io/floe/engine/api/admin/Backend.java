package io.floe.engine.api.admin;

import io.floe.engine.api.Principal;

/**
 * The backend lifecycle ({@code POST /backend/init}, {@code POST /backend/remove}), for the admin:
 * {@code init} makes sure Floe's directories exist, {@code remove} keeps all data.
 */
public interface Backend {
  /** What a backend call did. */
  record Outcome(String status, String message) {}

  Outcome init(Principal p);

  Outcome remove(Principal p);
}
