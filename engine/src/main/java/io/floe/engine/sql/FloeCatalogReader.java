package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/** Calcite's catalog reader with Floe's {@link IdentifierRules} for every name it matches. */
final class FloeCatalogReader extends CalciteCatalogReader {
  FloeCatalogReader(CalciteSchema rootSchema, List<String> defaultSchema,
      RelDataTypeFactory typeFactory, CalciteConnectionConfig config, SqlFlavor flavor) {
    super(rootSchema, LenientNameMatcher.folding(flavor.parserConfig().unquotedCasing()),
        defaultSchema.isEmpty() ? List.of(List.of()) : List.of(List.copyOf(defaultSchema), List.of()),
        typeFactory, config);
  }
}
