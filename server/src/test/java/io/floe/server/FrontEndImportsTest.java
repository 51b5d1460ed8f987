package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Front-ends see only the engine's public face, {@code io.floe.engine.api}: no main source of a
 * front-end module imports (also statically) or names by its qualified name any other engine
 * type. The rest of the engine may change without a front-end noticing, and a front-end that
 * needs something more asks for it in the api, where every front-end gets the same answer.
 * Test sources may still set up fixtures with the engine's internals.
 */
class FrontEndImportsTest {
  /** The front-end modules, relative to this module. */
  private static final List<String> FRONT_ENDS =
      List.of("../avatica-server", "../pgwire", "../admin-web", "../http", ".");

  /** A qualified engine name: the segment after {@code io.floe.engine.} must be {@code api}. */
  private static final Pattern ENGINE_NAME = Pattern.compile("\\bio\\.floe\\.engine\\.(\\w+)");

  @Test void frontEndsUseOnlyTheEngineApi() {
    List<String> found = new ArrayList<>();
    for (String module : FRONT_ENDS) {
      Path sources = Path.of(module, "src/main/java");
      assertThat(sources).as(module + " main sources").isDirectory();
      for (Path file : javaFiles(sources)) {
        for (String name : outsideApi(read(file))) {
          found.add(sources.relativize(file) + ": " + name);
        }
      }
    }
    assertThat(found).as("engine names outside io.floe.engine.api in front-end main sources")
        .isEmpty();
  }

  @Test void findsImportsStaticImportsAndQualifiedNames() {
    String source = """
        package io.floe.x;

        import io.floe.engine.api.FloeException;
        import io.floe.engine.api.sql.Session;
        import static io.floe.engine.api.ErrorCode.SYNTAX_ERROR;
        import io.floe.engine.Engine;
        import static io.floe.engine.sql.SqlLexer.tokenize;
        import io.floe.engine.session.*;

        /** Mentions {@link io.floe.engine.api.Floe} and, in prose, io.floe.engine.catalog.Catalog. */
        class X {
          String s = "io.floe.engine.storage.DuckDbStorage";
          Object o = io.floe.engine.security.Secrets.random(3);
          Object p = io.floe.engine.api.sql.Flavor.POSTGRES;
        }
        """;
    assertThat(outsideApi(source)).containsExactly("io.floe.engine.Engine", "io.floe.engine.sql",
        "io.floe.engine.session", "io.floe.engine.security");
  }

  /** The engine names in {@code source}, outside comments and string literals, not in the api. */
  static List<String> outsideApi(String source) {
    String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ")
        .replaceAll("\"(?:\\\\.|[^\"\\\\\n])*\"", "\"\"");
    List<String> names = new ArrayList<>();
    Matcher m = ENGINE_NAME.matcher(code);
    while (m.find()) {
      if (!m.group(1).equals("api")) {
        names.add(m.group());
      }
    }
    return names;
  }

  private static List<Path> javaFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
