package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Profiles of tables: row count and, per column, nulls, distinct values, range, moments,
 * quantiles, lengths, most frequent values and a histogram. Whoever may read a table may profile
 * it (a linked bucket's tables too); a profile is kept in the catalog and reused until the table's
 * data changes.
 */
public interface TableProfiles {
  /** The quantile levels of numeric columns, as {@link ColumnProfile#quantiles()} names them. */
  List<String> QUANTILES = List.of("p01", "p05", "p25", "p50", "p75", "p95", "p99");

  /** Equal-width bins of a histogram (fewer when a column's minimum equals its maximum). */
  int HISTOGRAM_BINS = 20;

  /** Most frequent values listed per column. */
  int TOP_VALUES = 10;

  /**
   * A table's profile.
   *
   * @param rows the table's rows, counted exactly
   * @param computedAt when it was computed
   * @param cached whether this answer was kept from an earlier computation
   * @param sampled whether quantiles, top values and histograms come from a sample
   * @param sampleRows rows of that sample; null when not sampled
   * @param sampleMethod how the sample was drawn ({@code reservoir}); null when not sampled
   * @param columns per column, in the table's order
   */
  record TableProfile(long rows, Instant computedAt, boolean cached, boolean sampled,
      Long sampleRows, String sampleMethod, List<ColumnProfile> columns) {
    public TableProfile {
      requireNonNull(computedAt, "computedAt");
      columns = List.copyOf(columns);
    }

    public TableProfile withCached(boolean isCached) {
      return new TableProfile(rows, computedAt, isCached, sampled, sampleRows, sampleMethod, columns);
    }
  }

  /**
   * One column's statistics. Values ({@code min}, {@code max}, top values) are JSON numbers for
   * numeric columns, booleans for boolean columns and DuckDB's text otherwise. A statistic that
   * does not apply to the column's type is null; one that applies to a column with no values is
   * null too (min of an all-null column), except lists, which are empty.
   *
   * @param type the column's type as the catalog spells it
   * @param nulls null values in the whole table
   * @param nullRatio {@code nulls / rows}; 0 for an empty table
   * @param distinct distinct non-null values in the whole table
   * @param distinctExact whether {@code distinct} is exact; else DuckDB's
   *     {@code approx_count_distinct} (HyperLogLog)
   * @param mean numeric columns: the mean of the whole table's values
   * @param stddev numeric columns: the sample standard deviation; null for fewer than 2 values
   * @param quantiles numeric columns: continuous quantiles {@code p01 ... p99} (keys
   *     {@link #QUANTILES})
   * @param length text columns: lengths in characters
   * @param topValues up to {@link #TOP_VALUES} most frequent non-null values, by count descending,
   *     then value; null for BLOB columns
   * @param histogram numeric, date and timestamp columns: equal-width bins over [min, max] of the
   *     non-null (for floating point: finite) values; the last bin includes its upper bound
   */
  record ColumnProfile(String name, String type, long nulls, double nullRatio, long distinct,
      boolean distinctExact, Object min, Object max, Double mean, Double stddev,
      Map<String, Double> quantiles, Lengths length, List<TopValue> topValues,
      List<Bin> histogram) {
    public ColumnProfile {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
    }
  }

  /** Lengths of a text column's non-null values, in characters; null when it has none. */
  record Lengths(Long min, Double avg, Long max) {}

  /** A value and how many rows hold it. */
  record TopValue(Object value, long count) {}

  /** A histogram bin: rows with {@code lower <= value < upper} (the last: {@code <= upper}). */
  record Bin(Object lower, Object upper, long count) {}

  /**
   * The profile of a table the principal may read, kept from an earlier computation unless the
   * table changed since or {@code forceRefresh}.
   *
   * @throws io.floe.engine.api.FloeException {@code not_found} for a project, bucket or table the
   *     principal cannot see, {@code not_supported} for a table of a registered (Snowflake)
   *     bucket, {@code statement_timeout} when the computation runs longer than a statement may
   */
  TableProfile profile(Principal principal, String projectId, String bucket, String table,
      boolean forceRefresh);
}
