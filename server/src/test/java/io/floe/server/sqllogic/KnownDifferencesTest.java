package io.floe.server.sqllogic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownDifferencesTest {
  private static QueryResult result(String id, Category category) {
    return new QueryResult(id, "s.test", "SELECT 1", category, "why", null, null);
  }

  @Test void failsOnNewOrChangedDifferencesAndOnListedQueriesThatAgree(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("known.txt");
    Files.writeString(file, "# comment\ns.test:1\twrong\told\ns.test:2\tfloe_error\told\n"
        + "s.test:3\tfloe_error\told\ns.test:9\twrong\tnot run\n");
    KnownDifferences known = KnownDifferences.load(file);
    KnownDifferences.Check check = known.check(List.of(result("s.test:1", Category.WRONG),
        result("s.test:2", Category.WRONG), result("s.test:3", Category.AGREE),
        result("s.test:4", Category.DUCK_ERROR_ONLY), result("s.test:5", Category.INTENDED)));
    assertThat(check.unexpected()).extracting(QueryResult::id).containsExactly("s.test:2", "s.test:4");
    assertThat(check.resolved()).extracting(KnownDifferences.Entry::id).containsExactly("s.test:3");
    assertThat(check.passed()).isFalse();
  }

  @Test void recordingKeepsWhatTheRunDidNotCover(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("known.txt");
    Files.writeString(file, "s.test:10\twrong\told\ns.test:2\tfloe_error\told\n");
    KnownDifferences.load(file).record(file, List.of(result("s.test:2", Category.AGREE),
        result("s.test:3", Category.FLOE_ERROR)));
    assertThat(Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")))
        .containsExactly("s.test:3\tfloe_error\twhy", "s.test:10\twrong\told");
    assertThat(KnownDifferences.load(file).check(List.of(result("s.test:3", Category.FLOE_ERROR))).passed())
        .isTrue();
  }
}
