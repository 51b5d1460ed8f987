package io.floe.server.sqllogic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The scripts a run covers. The full run takes every {@code .test} and {@code .test_slow} file under
 * the corpus directory; the fast slice takes those listed in {@code fast-slice.txt} (a path per
 * line, optionally {@code every N} to compare only every N-th query of the file).
 */
final class Corpus {
  /** A script file and which of its queries to compare. */
  record Entry(Path file, String name, int every) {
    /** Every {@code every}-th query record, counted from the first. */
    Predicate<SltRecord> sample() {
      if (every <= 1) {
        return record -> true;
      }
      int[] seen = {0};
      return record -> record instanceof SltRecord.Query && seen[0]++ % every == 0
          || record instanceof SltRecord.Statement;
    }
  }

  private Corpus() {}

  static List<Entry> entries(HarnessConfig config) {
    Path root = config.corpus();
    List<Entry> entries = new ArrayList<>();
    if (config.full()) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(p -> p.toString().endsWith(".test") || p.toString().endsWith(".test_slow"))
            .sorted()
            .forEach(p -> entries.add(new Entry(p, name(root, p), 1)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      Path slice = root.resolve("fast-slice.txt");
      try {
        for (String line : Files.readAllLines(slice)) {
          String l = line.strip();
          if (l.isEmpty() || l.startsWith("#")) {
            continue;
          }
          String[] words = l.split("\\s+");
          int every = words.length == 3 && words[1].equals("every") ? Integer.parseInt(words[2]) : 1;
          Path file = root.resolve(words[0]);
          if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("fast-slice.txt names a missing file: " + words[0]);
          }
          entries.add(new Entry(file, name(root, file), every));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return entries.stream()
        .filter(e -> e.name().contains(config.only()))
        .filter(e -> config.ids().isEmpty()
            || config.ids().stream().anyMatch(id -> id.startsWith(e.name() + ":")))
        .toList();
  }

  private static String name(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }
}
