package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.Backend;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.storage.DuckDbStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Seed 001's backend lifecycle ({@code POST /backend/init}, {@code POST /backend/remove}), for the
 * admin. Floe's storage needs no provisioning beyond its directories, so {@code init} makes sure
 * they exist (it is idempotent) and {@code remove} keeps all data: deleting projects is how data
 * goes, never a backend call that could drop everything by accident.
 */
public final class BackendService implements Backend {
  private final DuckDbStorage storage;

  public BackendService(DuckDbStorage storage) {
    this.storage = requireNonNull(storage, "storage");
  }

  @Override public Outcome init(Principal p) {
    AccessPolicy.requireAdmin(p);
    for (Path dir : List.of(storage.dataDir().resolve("projects"), storage.dataDir().resolve("tmp"))) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new FloeException(ErrorCode.IO_ERROR, "cannot create the storage directories", e);
      }
    }
    return new Outcome("ok", "storage directories are ready");
  }

  @Override public Outcome remove(Principal p) {
    AccessPolicy.requireAdmin(p);
    return new Outcome("ok", "nothing to remove: data stays until its projects are deleted");
  }
}
