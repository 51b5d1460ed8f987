package io.floe.engine.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages depend on each other in one direction: no package reaches back into one
 * that depends on it (the session once used the workspace package, which runs sessions). The
 * top-level package ({@code Engine}, {@code Warmup}) assembles the others and is left out.
 */
class PackageCyclesTest {
  private static final Path SOURCES = Path.of("src/main/java/io/floe/engine");
  private static final Pattern REFERENCE = Pattern.compile("io\\.floe\\.engine\\.([a-z][\\w.]*?)\\.[A-Z]");

  @Test void enginePackagesFormNoCycle() {
    Map<String, Set<String>> uses = dependencies();
    assertThat(uses).containsKeys("api", "session", "workspace", "sql");
    assertThat(cycle(uses)).as("a cycle between engine packages").isEmpty();
  }

  /** The public face depends on no other engine package: the internals depend on it. */
  @Test void apiDependsOnNoInternalPackage() {
    assertThat(dependencies().get("api")).isEmpty();
  }

  /** Package → the engine packages its main sources name (imports and qualified names). */
  static Map<String, Set<String>> dependencies() {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        Path dir = SOURCES.relativize(file.getParent());
        if (dir.toString().isEmpty()) {
          continue;
        }
        String pkg = unit(dir.toString().replace('/', '.'));
        Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(withoutComments(Files.readString(file)));
        while (m.find()) {
          if (!unit(m.group(1)).equals(pkg)) {
            used.add(unit(m.group(1)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return uses;
  }

  /**
   * The unit a package belongs to: the api's sub-packages ({@code api.sql}, {@code api.catalog},
   * {@code api.admin}) only group one public face, so they count as {@code api}.
   */
  private static String unit(String pkg) {
    return pkg.startsWith("api.") ? "api" : pkg;
  }

  private static String withoutComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
  }

  /** A dependency cycle as the list of packages on it, or an empty list. */
  static List<String> cycle(Map<String, Set<String>> uses) {
    Map<String, Integer> state = new TreeMap<>();
    for (String start : uses.keySet()) {
      Deque<String> path = new ArrayDeque<>();
      List<String> found = visit(start, uses, state, path);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> visit(String pkg, Map<String, Set<String>> uses,
      Map<String, Integer> state, Deque<String> path) {
    Integer s = state.get(pkg);
    if (s != null && s == 2) {
      return List.of();
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>();
      boolean on = false;
      for (String p : (Iterable<String>) path::descendingIterator) {
        on |= p.equals(pkg);
        if (on) {
          cycle.add(p);
        }
      }
      cycle.add(pkg);
      return cycle;
    }
    state.put(pkg, 1);
    path.push(pkg);
    for (String next : uses.getOrDefault(pkg, Set.of())) {
      List<String> found = visit(next, uses, state, path);
      if (!found.isEmpty()) {
        return found;
      }
    }
    path.pop();
    state.put(pkg, 2);
    return List.of();
  }
}
