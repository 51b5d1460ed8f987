package io.floe.engine.sql;

import io.floe.engine.api.sql.IdentifierRules;
import java.util.List;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/** Calcite's catalog reader with Floe's {@link IdentifierRules} for every name it matches. */
public final class FloeCatalogReader extends CalciteCatalogReader {
  /** Unqualified names resolve against each of {@code searchPaths} in turn (see {@link #schemaPaths}). */
  FloeCatalogReader(CalciteSchema rootSchema, List<List<String>> searchPaths,
      RelDataTypeFactory typeFactory, CalciteConnectionConfig config, SqlFlavor flavor) {
    super(rootSchema, LenientNameMatcher.folding(flavor.parserConfig().unquotedCasing()),
        searchPaths, typeFactory, config);
  }

  /**
   * Unqualified names resolve against the default schema path and each of its prefixes, then the
   * root: with default {@code [project, bucket]}, {@code t}, {@code bucket.t} and
   * {@code project.bucket.t} all work.
   */
  public static List<List<String>> schemaPaths(List<String> defaultSchema) {
    List<List<String>> paths = new java.util.ArrayList<>();
    for (int n = defaultSchema.size(); n >= 0; n--) {
      paths.add(List.copyOf(defaultSchema.subList(0, n)));
    }
    return paths;
  }
}
