package io.floe.server.sqllogic;

import io.floe.server.sqllogic.SqlText.Token;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Scripts change DuckDB settings with SET, RESET and PRAGMA. Settings about tuning, verification
 * and profiling leave answers alone; any other (null order, collation, integer division, ...)
 * changes what the reference answers but not Floe, so later queries of the script are not compared.
 */
final class Settings {
  private static final Set<String> HARMLESS = Set.of("enable_verification", "disable_verification",
      "verify_parallelism", "threads", "worker_threads", "memory_limit", "max_memory",
      "enable_profiling", "disable_profiling", "profiling_mode", "profiling_output", "profile_output",
      "enable_progress_bar", "disable_progress_bar", "enable_progress_bar_print", "explain_output",
      "temp_directory", "max_temp_directory_size", "checkpoint_threshold", "wal_autocheckpoint",
      "force_checkpoint", "enable_object_cache", "verify_external", "verify_serializer",
      "enable_optimizer", "disable_optimizer", "disabled_optimizers", "force_compression",
      "storage_compatibility_version", "preserve_insertion_order", "perfect_ht_threshold",
      "debug_force_external", "debug_force_no_cross_product", "debug_window_mode",
      "debug_asof_iejoin", "ordered_aggregate_threshold", "pivot_limit", "pivot_filter_threshold",
      "immediate_transaction_mode", "default_block_size", "partitioned_write_flush_threshold",
      "index_scan_percentage", "index_scan_max_count", "prefer_range_joins",
      "merge_join_threshold", "nested_loop_join_threshold", "late_materialization_max_rows",
      "dynamic_or_filter_threshold", "debug_verify_vector", "verify_fetch_row",
      "enable_fsst_vectors", "force_bitpacking_mode", "streaming_buffer_size", "enable_logging",
      "disable_logging", "allocator_flush_threshold", "allocator_background_threads",
      "custom_profiling_settings", "external_threads", "seed", "enable_external_access",
      "errors_as_json", "enable_http_metadata_cache", "checkpoint_on_shutdown", "debug_skip_checkpoint_on_commit",
      "hash_join_threshold", "debug_checkpoint_abort", "disable_checkpoint_on_shutdown",
      "enable_view_dependencies", "enable_macro_dependencies", "lock_configuration",
      "ieee_floating_point_ops_warning", "table_function_threshold", "max_expression_depth",
      "progress_bar_time", "arrow_large_buffer_size", "integer_division");

  private Settings() {}

  /** The setting a statement changes in a way that affects answers, or empty. */
  static Optional<String> semanticChange(String sql) {
    List<Token> t = SqlText.tokens(sql);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    String first = t.get(0).upper();
    if (!first.equals("SET") && !first.equals("RESET") && !first.equals("PRAGMA")) {
      return Optional.empty();
    }
    int i = 1;
    while (i < t.size() && (t.get(i).is("SESSION") || t.get(i).is("GLOBAL") || t.get(i).is("LOCAL"))) {
      i++;
    }
    if (i >= t.size()) {
      return Optional.empty();
    }
    String name = t.get(i).name().toLowerCase(Locale.ROOT);
    if (name.equals("integer_division")) {
      // the reference already divides integers this way; turning it off would differ
      String value = sql.toLowerCase(Locale.ROOT);
      return value.contains("false") || first.equals("RESET")
          ? Optional.of(first + " " + name) : Optional.empty();
    }
    if (first.equals("SET") && name.equals("variable")) {
      return Optional.empty();
    }
    return HARMLESS.contains(name) ? Optional.empty() : Optional.of(first + " " + name);
  }
}
