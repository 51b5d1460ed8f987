package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the Java examples of {@code docs/jdbc.md}: every {@code java} block followed by a
 * {@code text} block is compiled as the body of a method with a {@code Connection c} (through the
 * real driver jar, connected with a project token to the {@link MetadataFixture} tables) and must
 * print exactly that text.
 */
class JdbcDocTest {
  static TestServer floe;
  static MetadataFixture tokens;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    tokens = MetadataFixture.load(floe);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  /** A Java example and the output the docs show for it. */
  record Example(String code, String output) {}

  static List<Example> examples(Path markdown) throws IOException {
    List<String[]> blocks = new ArrayList<>();
    String language = null;
    StringBuilder current = null;
    for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
      if (current == null && line.startsWith("```") && line.length() > 3) {
        language = line.substring(3).strip();
        current = new StringBuilder();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(new String[] {language, current.toString()});
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      } else if (!line.isBlank() && !blocks.isEmpty()) {
        blocks.add(new String[] {"prose", ""});
      }
    }
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i + 1 < blocks.size(); i++) {
      if (blocks.get(i)[0].equals("java") && blocks.get(i + 1)[0].equals("text")) {
        examples.add(new Example(blocks.get(i)[1], blocks.get(i + 1)[1]));
      }
    }
    return examples;
  }

  @Test void javaExamplesPrintWhatTheDocsShow() throws Exception {
    Path docs = Path.of(System.getProperty("floe.docs.dir", "../docs"));
    List<Example> examples = examples(docs.resolve("jdbc.md"));
    assertThat(examples).as("examples with output in docs/jdbc.md").hasSizeGreaterThanOrEqualTo(5);
    Path dir = Files.createTempDirectory("jdbc-doc");
    StringBuilder source = new StringBuilder("import java.math.*;\nimport java.sql.*;\n"
        + "import java.time.*;\nimport java.util.*;\n\npublic class DocExamples {\n");
    for (int i = 0; i < examples.size(); i++) {
      source.append("  public static void example").append(i)
          .append("(Connection c) throws Exception {\n").append(examples.get(i).code()).append("  }\n");
    }
    source.append("}\n");
    Path file = dir.resolve("DocExamples.java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, errors, errors, "-d", dir.toString(), file.toString());
    assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
        JdbcDocTest.class.getClassLoader());
         Connection c = DriverJar.connect(floe.jdbcUrl(), tokens.master())) {
      Class<?> examplesClass = loader.loadClass("DocExamples");
      for (int i = 0; i < examples.size(); i++) {
        Method example = examplesClass.getMethod("example" + i, Connection.class);
        assertThat(run(example, c)).as(examples.get(i).code()).isEqualTo(examples.get(i).output());
      }
    }
  }

  /** What the example prints on System.out. */
  private static String run(Method example, Connection c) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      example.invoke(null, c);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
