package io.floe.server.sqllogic;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A parsed script: its name (path under the corpus root, or {@code gen-<seed>}), its records, and
 * why it cannot run at all ({@code null} when it can).
 */
record SltScript(String name, List<SltRecord> records, String skipReason) {
  SltScript {
    requireNonNull(name, "name");
    records = List.copyOf(records);
  }

  static SltScript skipped(String name, String reason) {
    return new SltScript(name, List.of(), reason);
  }
}
