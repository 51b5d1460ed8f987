/**
 * A differential SQL harness: DuckDB's sqllogictest scripts and seeded random queries run through
 * {@code jdbc:floe} and through DuckDB in-process on the same data, and every difference is
 * classified and reported (docs/sql.md, "Differential SQL tests").
 *
 * <ul>
 *   <li>Scripts: {@link io.floe.server.sqllogic.SltParser} reads them into
 *       {@link io.floe.server.sqllogic.SltScript}s; {@link io.floe.server.sqllogic.QueryGenerator}
 *       writes one from a seed. {@link io.floe.server.sqllogic.Corpus} picks the scripts of a run.
 *   <li>Data: {@link io.floe.server.sqllogic.ReferenceDb} runs a script's statements;
 *       {@link io.floe.server.sqllogic.TableSync} mirrors its tables into a Floe bucket through
 *       the storage API ({@link io.floe.server.sqllogic.FloeRest}).
 *   <li>Comparison: {@link io.floe.server.sqllogic.ScriptRunner} runs each query on both;
 *       {@link io.floe.server.sqllogic.Classifier} compares
 *       ({@link io.floe.server.sqllogic.ResultComparator}, {@link io.floe.server.sqllogic.Cells},
 *       {@link io.floe.server.sqllogic.OrderBy}) and applies
 *       {@link io.floe.server.sqllogic.IntendedDifferences}.
 *   <li>Outcome: {@link io.floe.server.sqllogic.Report},
 *       {@link io.floe.server.sqllogic.SummaryWriter} and
 *       {@link io.floe.server.sqllogic.KnownDifferences}; {@code SqlLogicTest} is the entry point.
 * </ul>
 */
package io.floe.server.sqllogic;
