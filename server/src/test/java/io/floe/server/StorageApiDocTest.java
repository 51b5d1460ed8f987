package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs every example of {@code docs/storage-api.md}, in order, in one bash against a live server,
 * and compares what each prints with the output block that follows it in the document. Needs
 * {@code bash}, {@code curl}, {@code jq} and {@code gunzip}.
 */
class StorageApiDocTest {
  private static final String MARK = "@@floe-doc-block@@";

  @Test void everyExampleRunsAndPrintsWhatTheDocumentShows() throws Exception {
    Process tools = new ProcessBuilder("bash", "-c", "command -v curl jq gunzip")
        .redirectErrorStream(true).start();
    String found = new String(tools.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tools.waitFor()).as("the examples need curl, jq and gunzip on the PATH; found: " + found)
        .isZero();
    Path docs = Path.of(System.getProperty("floe.docs.dir", "../docs"));
    List<DocExamples.Example> examples = DocExamples.of(docs.resolve("storage-api.md"));
    assertThat(examples).hasSizeGreaterThan(10);
    StringBuilder script = new StringBuilder("set -euo pipefail\n");
    for (DocExamples.Example e : examples) {
      script.append(e.script()).append("echo ").append(MARK).append('\n');
    }
    Path work = Files.createTempDirectory("floe-doc");
    try (TestServer floe = TestServer.start()) {
      ProcessBuilder pb = new ProcessBuilder("bash", "-c", script.toString())
          .directory(work.toFile()).redirectErrorStream(true);
      pb.environment().put("FLOE", floe.url());
      pb.environment().put("ADMIN", TestServer.ADMIN_TOKEN);
      Process process = pb.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      String[] printed = output.split(MARK + "\n", -1);
      assertThat(printed).as(output).hasSize(examples.size() + 1);
      for (int i = 0; i < examples.size(); i++) {
        DocExamples.Example e = examples.get(i);
        if (e.expected() != null) {
          assertThat(printed[i]).as("output of the example\n" + e.script()).isEqualTo(e.expected());
        }
      }
    } finally {
      TestEngine.deleteRecursively(work);
    }
  }
}
