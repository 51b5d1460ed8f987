package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.api.WorkspaceConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Command-line options reach the configuration; impossible combinations are refused up front. */
class MainOptionsTest {
  private static Main parse(String... args) {
    Main main = new Main(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    new CommandLine(main).parseArgs(args);
    return main;
  }

  @Test void workspaceLimitsDefaultToTheSeedAndCanBeChanged() {
    assertThat(parse().config().engine().workspaces()).isEqualTo(WorkspaceConfig.defaults());
    WorkspaceConfig set = parse("--workspace-max-per-project", "3", "--workspace-default-ttl", "2h",
        "--workspace-max-ttl", "12h", "--workspace-default-size-limit", "1GB",
        "--workspace-max-size-limit", "5GB", "--workspace-reaper-interval", "10s")
        .config().engine().workspaces();
    assertThat(set).isEqualTo(new WorkspaceConfig(Duration.ofHours(2), Duration.ofHours(12),
        WorkspaceConfig.GB, 5 * WorkspaceConfig.GB, 3, Duration.ofSeconds(10)));
  }

  @Test void aDefaultAboveItsMaximumIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8))).setErr(new PrintWriter(err));
    int code = cli.execute("--workspace-max-ttl", "1h", "--http-port", "0", "--pg-port", "0",
        "--data-dir", "target/never-started");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("workspace TTLs must be positive, default <= maximum");
  }

  @Test void logLevelAndFileDefaultToInfoOnStderrAndCanBeChanged() {
    assertThat(parse().logSettings()).isEqualTo(LogSettings.defaults());
    assertThat(LogSettings.defaults().systemProperties())
        .containsEntry("org.slf4j.simpleLogger.defaultLogLevel", "info")
        .doesNotContainKey("org.slf4j.simpleLogger.log.org.eclipse.jetty");
    LogSettings set = parse("--log-level", "ERROR", "--log-file", "logs/floe.log").logSettings();
    assertThat(set).isEqualTo(new LogSettings(LogSettings.Level.ERROR, Path.of("logs/floe.log")));
    assertThat(set.systemProperties())
        .containsEntry("org.slf4j.simpleLogger.defaultLogLevel", "error")
        .containsEntry("org.slf4j.simpleLogger.log.org.eclipse.jetty", "error");
  }

  @Test void anUnknownLogLevelIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8))).setErr(new PrintWriter(err));
    assertThat(cli.execute("--log-level", "verbose")).isEqualTo(2);
    assertThat(err.toString()).contains("log level must be error, warn, info, debug or trace: verbose");
  }

  @Test void helpTextFormats() {
    StringWriter out = new StringWriter();
    new CommandLine(parse()).usage(new PrintWriter(out));
    assertThat(out.toString()).contains("(80%").doesNotContain("%%").contains("--workspace-reaper-interval");
  }
}
