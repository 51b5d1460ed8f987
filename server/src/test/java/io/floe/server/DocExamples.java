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
    List<Example> examples = new ArrayList<>();
    List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```bash")) {
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
