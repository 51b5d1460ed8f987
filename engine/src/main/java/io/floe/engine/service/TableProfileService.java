package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.TableProfiles;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.ProfileRows;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.session.EngineSession;
import io.floe.engine.session.SessionManager;
import io.floe.engine.sql.SqlFlavor;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table profiles: access-checked as a table read is (whoever may read the table's bucket, own or
 * linked, may profile it), computed by {@link TableProfiler} in a session of the caller, so the
 * statement timeout, cancels and the audit log apply, and kept in the catalog per table until the
 * table's data or columns change. A linked bucket's tables share their source table's profile.
 */
public final class TableProfileService implements TableProfiles {
  private static final Logger LOG = LoggerFactory.getLogger(TableProfileService.class);

  /** The kept profiles' JSON: the REST answer's own shape. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final Catalog catalog;
  private final SessionManager sessions;
  private final TableProfiler profiler;
  private final Clock clock;
  private final Map<Long, Object> computing = new ConcurrentHashMap<>();

  public TableProfileService(Catalog catalog, SessionManager sessions, Clock clock) {
    this(catalog, sessions, clock, TableProfiler.Limits.DEFAULTS);
  }

  TableProfileService(Catalog catalog, SessionManager sessions, Clock clock,
      TableProfiler.Limits limits) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.sessions = requireNonNull(sessions, "sessions");
    this.clock = requireNonNull(clock, "clock");
    this.profiler = new TableProfiler(limits);
  }

  @Override public TableProfile profile(Principal p, String projectId, String bucket,
      String table, boolean forceRefresh) {
    CatalogSnapshot s = catalog.snapshot();
    VisibleBucket b = AccessPolicy.requireReadable(p, s, projectId, bucket);
    TableDef def = AccessPolicy.requireTable(s, b, table);
    if (def.isRemote()) {
      throw FloeException.of(ErrorCode.NOT_SUPPORTED, "table '%s.%s' is in Snowflake (bucket '%s' "
          + "is registered from connection '%s'): profiles of Snowflake tables are not supported "
          + "yet", b.name(), def.name(), b.name(), b.source().remote().connection());
    }
    String marker = dataMarker(def);
    if (!forceRefresh) {
      Optional<TableProfile> kept = kept(def, marker);
      if (kept.isPresent()) {
        return kept.get();
      }
    }
    // One computation per table at a time: who asks meanwhile waits for it and gets its result.
    Object lock = computing.computeIfAbsent(def.id(), id -> new Object());
    synchronized (lock) {
      if (!forceRefresh) {
        Optional<TableProfile> kept = kept(def, marker);
        if (kept.isPresent()) {
          return kept.get();
        }
      }
      return compute(p, projectId, b, def, marker);
    }
  }

  private TableProfile compute(Principal p, String projectId, VisibleBucket b, TableDef def,
      String marker) {
    String name = projectId + "." + b.name() + "." + def.name();
    TableProfile profile;
    try (EngineSession session = sessions.open(p, TableReadService.FRONT_END, SqlFlavor.POSTGRES)) {
      profile = session.runInDuckDb("PROFILE " + name, List.of(name), List.of(def),
          q -> profiler.profile(q, def, clock.instant()));
    }
    String json = write(profile);
    keep(def, marker, json, profile);
    // As read back from the catalog, so a fresh and a kept answer hold the same value types.
    return read(json).orElseThrow();
  }

  /**
   * What changes whenever the table's data or columns change: imports and column changes set the
   * table's {@code updated_at}, and imports its row count and size.
   */
  static String dataMarker(TableDef def) {
    return def.updatedAt() + "|" + def.rowCount() + "|" + def.sizeBytes() + "|"
        + def.columns().stream().map(ColumnDef::name).collect(Collectors.joining(","))
        + "|" + def.columns().stream().map(c -> c.type().toString()).collect(Collectors.joining(","));
  }

  private Optional<TableProfile> kept(TableDef def, String marker) {
    Optional<ProfileRows.Kept> row = catalog.read(tx -> ProfileRows.byTable(tx, def.id()));
    if (row.isEmpty() || !row.get().dataMarker().equals(marker)) {
      return Optional.empty();
    }
    Optional<TableProfile> kept = read(row.get().json());
    if (kept.isEmpty()) {
      LOG.warn("Kept profile of table {} is unreadable, computing it again", def.id());
    }
    return kept.map(p -> p.withCached(true));
  }

  private static Optional<TableProfile> read(String json) {
    try {
      return Optional.of(JSON.readValue(json, TableProfile.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static String write(TableProfile profile) {
    try {
      return JSON.writeValueAsString(profile);
    } catch (JsonProcessingException e) {
      throw new FloeException(ErrorCode.INTERNAL_ERROR, "cannot write a table profile", e);
    }
  }

  /** Keeps the profile; a table deleted meanwhile keeps none (its row would have no table). */
  private void keep(TableDef def, String marker, String json, TableProfile profile) {
    if (catalog.snapshot().tableById(def.id()).isEmpty()) {
      computing.remove(def.id());
      return;
    }
    try {
      catalog.write(tx -> {
        ProfileRows.put(tx, def, marker, json, profile.computedAt());
        return null;
      });
    } catch (FloeException e) {
      LOG.info("Profile of table {} not kept: {}", def.id(), e.getMessage());
    }
  }

  /** Whether a table has a kept profile (for tests). */
  public boolean isKept(long tableId) {
    return catalog.read(tx -> ProfileRows.exists(tx, tableId));
  }
}
