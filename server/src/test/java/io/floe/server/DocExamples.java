package io.floe.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples of a documentation page: each {@code ```bash} block, with the {@code ```json} or
 * {@code ```text} block that follows it (only blank lines between), which shows what it prints.
 */
final class DocExamples {
  private DocExamples() {}

  /**
   * A bash example.
   *
   * @param script the commands, as written
   * @param expected what the page shows it printing, or null
   * @param language {@code json} or {@code text} for the expected block, null without one
   */
  record Example(String script, String expected, String language) {}

  static List<Example> of(Path markdown) throws IOException {
    return of(markdown, "bash");
  }

  /** The page's examples written in {@code fence} ({@code bash}, {@code python}, ...). */
  static List<Example> of(Path markdown, String fence) throws IOException {
    List<Example> examples = new ArrayList<>();
    List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```" + fence)) {
        continue;
      }
      StringBuilder script = new StringBuilder();
      for (i++; !lines.get(i).strip().equals("```"); i++) {
        script.append(lines.get(i)).append('\n');
      }
      int next = i + 1;
      while (next < lines.size() && lines.get(next).isBlank()) {
        next++;
      }
      String expected = null;
      String language = null;
      if (next < lines.size() && (lines.get(next).strip().equals("```json")
          || lines.get(next).strip().equals("```text"))) {
        language = lines.get(next).strip().substring(3);
        StringBuilder out = new StringBuilder();
        for (next++; !lines.get(next).strip().equals("```"); next++) {
          out.append(lines.get(next)).append('\n');
        }
        expected = out.toString();
        i = next;
      }
      examples.add(new Example(script.toString(), expected, language));
    }
    return examples;
  }

  /**
   * Runs scripts one after another in one bash session ({@code set -euo pipefail}), as a reader
   * pasting a page's examples in order would, with {@code env} set and variables that would leak
   * in from the test's own environment ({@code FLOE*}, {@code P}, {@code ADMIN}) unset. Returns
   * what each script printed, in order; fails unless every one ran and bash exited 0.
   */
  static List<String> runInOneSession(List<String> scripts, Path dir, java.util.Map<String, String> env)
      throws IOException, InterruptedException {
    String mark = "@@floe-doc-block@@";
    StringBuilder script = new StringBuilder("set -euo pipefail\n");
    for (String s : scripts) {
      script.append(s).append("echo ").append(mark).append('\n');
    }
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script.toString())
        .directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("FLOE") || k.equals("P") || k.equals("ADMIN"));
    pb.environment().putAll(env);
    Process process = pb.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThat(process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(process.exitValue()).as(output).isZero();
    String[] printed = output.split(mark + "\n", -1);
    org.assertj.core.api.Assertions.assertThat(printed).as(output).hasSize(scripts.size() + 1);
    return List.of(printed).subList(0, scripts.size());
  }

  /** The SQL of the {@code ```sql} block after {@code marker} in the page. */
  static String sqlAfter(Path markdown, String marker) throws IOException {
    String doc = Files.readString(markdown, StandardCharsets.UTF_8);
    int at = doc.indexOf(marker);
    if (at < 0) {
      throw new AssertionError(markdown + " lost its " + marker);
    }
    int start = doc.indexOf("```sql", at) + "```sql".length();
    return doc.substring(start, doc.indexOf("```", start)).strip() + "\n";
  }
}
