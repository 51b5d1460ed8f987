package io.floe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects figures: a table of ratios for people, every raw sample as JSON for later comparison. */
final class Report {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * One compared figure.
   *
   * @param workload P1, P2, ...
   * @param metric what was measured, with its unit
   * @param floe Floe's figure
   * @param reference the reference's figure (NaN when there is none)
   * @param referenceName what the reference is
   * @param goal the goal, in words
   * @param met whether the goal is met (null when there is no goal)
   */
  record Line(String workload, String metric, double floe, double reference, String referenceName,
      String goal, Boolean met) {
    double ratio() {
      return floe / reference;
    }
  }

  final ObjectNode raw = JSON.createObjectNode();
  private final List<Line> lines = new ArrayList<>();

  Report(ObjectNode settings) {
    raw.put("started", Instant.now().toString());
    raw.set("settings", settings);
    raw.putObject("environment")
        .put("java", System.getProperty("java.version"))
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"))
        .put("cores", Runtime.getRuntime().availableProcessors());
  }

  ObjectNode section(String name) {
    return raw.has(name) ? (ObjectNode) raw.get(name) : raw.putObject(name);
  }

  void add(Line line) {
    lines.add(line);
    ObjectNode n = (ObjectNode) raw.withArray("summary").addObject();
    n.put("workload", line.workload()).put("metric", line.metric()).put("floe", line.floe())
        .put("reference", line.reference()).put("reference_name", line.referenceName())
        .put("ratio", line.ratio()).put("goal", line.goal());
    if (line.met() != null) {
      n.put("met", line.met());
    }
  }

  void print(PrintStream out) {
    out.println();
    out.printf(Locale.ROOT, "%-4s %-46s %14s %14s %-16s %8s  %-30s %s%n", "", "metric", "Floe",
        "reference", "(reference)", "ratio", "goal", "met");
    for (Line l : lines) {
      out.printf(Locale.ROOT, "%-4s %-46s %14s %14s %-16s %8s  %-30s %s%n", l.workload(), l.metric(),
          number(l.floe()), number(l.reference()), l.referenceName(),
          Double.isNaN(l.reference()) ? "" : String.format(Locale.ROOT, "%.2fx", l.ratio()),
          l.goal() == null ? "" : l.goal(), l.met() == null ? "" : l.met() ? "yes" : "NO");
    }
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (Math.abs(v) >= 10_000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  Path write(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    raw.put("finished", Instant.now().toString());
    Path file = dir.resolve(name + ".json");
    JSON.writeValue(file.toFile(), raw);
    return file;
  }
}
