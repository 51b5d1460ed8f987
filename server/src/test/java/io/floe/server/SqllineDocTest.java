package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the sqlline examples of {@code docs/jdbc.md} as written (with the live server's port and
 * the test's jar locations substituted), with sqlline and the driver jar from Maven: the
 * interactive session whose transcript the page shows. Its query example runs in
 * {@link FirstHourDocsTest}, on the README's data.
 */
class SqllineDocTest {
  /** The prompt of the documented session; sqlline prints it before each command's output. */
  private static final String DOC_PROMPT = "0: jdbc:floe://127.0.0.1:8080> ";

  static List<String> bashBlocks(Path markdown) throws IOException {
    return blocks(markdown, "bash");
  }

  static List<String> blocks(Path markdown, String language) throws IOException {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
      if (current == null && line.strip().equals("```" + language)) {
        current = new StringBuilder();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(current.toString());
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return blocks;
  }

  private static Path jdbcDoc() {
    return Path.of(System.getProperty("floe.docs.dir", "../docs")).resolve("jdbc.md");
  }

  /** What sqlline wrote: results on stdout; notes, warnings and errors on stderr. */
  record Output(String stdout, String stderr) {
    /**
     * Stderr without sqlline's banner, its "rows selected" notes and jline's notice that the
     * test's stdin is not a terminal (a user at a terminal does not get that one).
     */
    List<String> complaints() {
      return stderr.lines()
          .filter(l -> !l.contains("org.jline") && !l.contains("Unable to create a system terminal"))
          .filter(l -> !l.matches("sqlline version [0-9.]+|[0-9]+ rows? selected \\([0-9.]+ seconds\\)"))
          .toList();
    }
  }

  /** Runs a documented command line against {@code floe}, with {@code input} as its stdin. */
  private static Output run(String block, TestServer floe, String token, String input)
      throws Exception {
    String command = block
        .replace("127.0.0.1:8080", "127.0.0.1:" + floe.server.httpPort())
        .replace("target/clients/sqlline-1.12.0-jar-with-dependencies.jar",
            Path.of(System.getProperty("floe.sqlline.jar")).toAbsolutePath().toString())
        .replace("jdbc-driver/target/floe-jdbc-0.1.0-SNAPSHOT.jar",
            DriverJar.path().toAbsolutePath().toString());
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", command);
    pb.environment().put("P", token);
    Process process = pb.start();
    CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    try (OutputStream in = process.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String stdout = read(process.getInputStream());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Output output = new Output(stdout, stderr.get(10, TimeUnit.SECONDS));
    assertThat(process.exitValue()).as(output.toString()).isZero();
    return output;
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test void interactiveSessionPrintsTheTranscript() throws Exception {
    Path doc = jdbcDoc();
    String block = bashBlocks(doc).stream()
        .filter(b -> b.contains("sqlline.SqlLine") && !b.contains(" -e "))
        .findFirst().orElseThrow(() -> new AssertionError("docs/jdbc.md lost its sqlline session"));
    String transcript = blocks(doc, "text").stream()
        .filter(b -> b.startsWith(DOC_PROMPT))
        .findFirst().orElseThrow(() -> new AssertionError("docs/jdbc.md lost its sqlline transcript"));
    List<String> commands = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (String part : transcript.split("(?m)^(?=" + Pattern.quote(DOC_PROMPT) + ")")) {
      int end = part.indexOf('\n');
      commands.add(part.substring(DOC_PROMPT.length(), end));
      shown.add(part.substring(end + 1));
    }
    // More commands, each with rows its output must have: the columns or the key of the table.
    String orders = "\\| demo +\\| in_c_sales +\\| orders +\\| ";
    List<String> ordersColumns = Stream.of("id", "customer_id", "amount", "ordered_at",
        "ordered_on", "region").map(c -> orders + c + " +\\|").toList();
    String lines = "\\| demo +\\| in_c_sales +\\| OrderLines +\\| ";
    Map<String, List<String>> more = new LinkedHashMap<>();
    more.put("!columns orders", ordersColumns);
    more.put("!columns ORDERS", ordersColumns);
    more.put("!describe orders", ordersColumns);
    more.put("!columns in_c_sales orders", ordersColumns);
    more.put("!primarykeys in_c_sales orders", List.of(orders + "id +\\| 1 +\\| orders_pkey"));
    more.put("!columns OrderLines", List.of(lines + "order_id ", lines + "Sku "));
    more.put("!primarykeys OrderLines",
        List.of(lines + "line +\\| 2 ", lines + "order_id +\\| 1 "));
    try (TestServer floe = TestServer.start()) {
      String token = floe.createProject("demo");
      floe.createBucket("demo", token, "in_c_sales");
      floe.createTable("demo", token, "in_c_sales", JdbcEndToEndTest.ORDERS_TABLE);
      floe.createTable("demo", token, "in_c_sales", MetadataFixture.ORDER_LINES_TABLE);
      // A terminal gives sqlline its width; piped, the session sets one first.
      List<String> all = new ArrayList<>(List.of("!set maxWidth 160"));
      all.addAll(commands);
      all.addAll(more.keySet());
      Output output = run(block, floe, token, String.join("\n", all) + "\n!quit\n");
      assertThat(output.complaints()).as(output.toString()).isEmpty();
      String prompt = DOC_PROMPT.replace("8080", String.valueOf(floe.server.httpPort()));
      // Piped in, commands are not echoed: sqlline prints the prompt, then the command's output.
      List<String> printed = Arrays.asList(output.stdout().split(Pattern.quote(prompt), -1));
      assertThat(printed).as(output.stdout()).hasSize(all.size() + 2);
      assertThat(printed.get(0)).as("the connect").isEmpty();
      assertThat(printed.get(1)).as("!set maxWidth").isEmpty();
      assertThat(output.stderr()).contains("sqlline version 1.12.0");
      for (int i = 0; i < commands.size(); i++) {
        assertThat(printed.get(i + 2)).as(commands.get(i)).isEqualTo(shown.get(i));
      }
      int i = commands.size() + 2;
      for (Map.Entry<String, List<String>> command : more.entrySet()) {
        String out = printed.get(i++);
        for (String row : command.getValue()) {
          assertThat(out).as(command.getKey()).containsPattern(row);
        }
      }
    }
  }
}
