package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.BucketPermission;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.TokenRecord;
import io.floe.engine.api.admin.SnowflakeUsers;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.SnowflakeUserRows;
import io.floe.engine.catalog.TokenRows;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.security.RsaPublicKeys;
import io.floe.engine.security.TokenService;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A project's Snowflake key-pair users ({@link SnowflakeUsers}), in the catalog's {@code
 * snowflake_users}. Each user's rights are held by a project token without a secret, created and
 * deleted with the user: its bucket permissions follow buckets the way any token's do (a deleted
 * bucket drops out), and a principal built on it goes through the same access policy, session
 * refresh and session closing as a token's. Deleting the user deletes that token, so its sessions
 * end at once.
 */
public final class SnowflakeUserService implements SnowflakeUsers {
  /** Snowflake user names, without quotes: what an unquoted or a simple quoted name may hold. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_$@.-]{0,254}");

  private final Catalog catalog;
  private final TokenService tokens;
  private final StorageAudit audit;
  private final Clock clock;

  public SnowflakeUserService(Catalog catalog, TokenService tokens, StorageAudit audit, Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.tokens = requireNonNull(tokens, "tokens");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
  }

  /** A stored user with its token. */
  private record Stored(SnowflakeUserRows.Row row, TokenRecord token) {}

  @Override public Info create(Principal p, String projectId, UserSpec spec) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProjectAdmin(p, s, projectId);
    requireNonNull(spec, "spec");
    String project = AccessPolicy.requireProject(p, s, projectId).id();
    String name = name(spec.name());
    RSAPublicKey key = RsaPublicKeys.parse(spec.rsaPublicKey());
    Map<Long, BucketPermission> permissions = ProjectTokenService.bucketPermissions(s, project,
        spec.bucketPermissions());
    Stored stored = audit.record(p, "CREATE SNOWFLAKE USER " + name + " IN PROJECT " + project,
        List.of(project), () -> catalog.write(tx -> {
          if (SnowflakeUserRows.byName(tx, project, name).isPresent()) {
            throw new FloeException(ErrorCode.ALREADY_EXISTS, "Snowflake user " + name
                + " already exists in project '" + project + "'");
          }
          TokenRecord token = tokens.issueSecretlessToken(tx, project, "Snowflake user " + name,
              permissions);
          SnowflakeUserRows.Row row = new SnowflakeUserRows.Row(project, name, token.id(),
              RsaPublicKeys.encode(key), RsaPublicKeys.fingerprint(key), clock.instant());
          SnowflakeUserRows.insert(tx, row);
          return new Stored(row, token);
        }));
    return info(catalog.snapshot(), stored);
  }

  @Override public List<Info> list(Principal p, String projectId) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProjectAdmin(p, s, projectId);
    return catalog.read(tx -> {
      List<Stored> users = new ArrayList<>();
      for (SnowflakeUserRows.Row row : SnowflakeUserRows.byProject(tx, projectId)) {
        TokenRows.byId(tx, row.tokenId()).ifPresent(t -> users.add(new Stored(row, t)));
      }
      return users;
    }).stream().map(u -> info(s, u)).toList();
  }

  @Override public Info get(Principal p, String projectId, String name) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProjectAdmin(p, s, projectId);
    return info(s, require(projectId, name));
  }

  @Override public void delete(Principal p, String projectId, String name) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProjectAdmin(p, s, projectId);
    Stored user = require(projectId, name);
    // Publishing a snapshot ends the sessions and jobs of the token, which is gone.
    audit.record(p, "DROP SNOWFLAKE USER " + user.row().name() + " IN PROJECT " + projectId,
        List.of(projectId), () -> catalog.mutate(tx -> {
          SnowflakeUserRows.delete(tx, user.row().projectId(), user.row().name());
          TokenRows.delete(tx, user.row().tokenId());
          return null;
        }));
  }

  private Stored require(String projectId, String name) {
    Optional<Stored> found = catalog.read(tx -> {
      Optional<SnowflakeUserRows.Row> row = name == null ? Optional.empty()
          : SnowflakeUserRows.byName(tx, projectId, name);
      if (row.isEmpty() || !row.get().projectId().equals(projectId)) {
        return Optional.<Stored>empty();
      }
      return TokenRows.byId(tx, row.get().tokenId()).map(t -> new Stored(row.get(), t));
    });
    return found.orElseThrow(() -> new FloeException(ErrorCode.NOT_FOUND, "Snowflake user '"
        + name + "' not found in project '" + projectId + "'"));
  }

  private static Info info(CatalogSnapshot s, Stored u) {
    return new Info(u.row().projectId(), u.row().name(), u.row().fingerprint(),
        ProjectTokenService.byBucketName(s, u.token().bucketPermissions()), u.row().createdAt());
  }

  private static String name(String name) {
    if (name == null || name.isBlank()) {
      throw FloeException.of(ErrorCode.INVALID_NAME, "the Snowflake user's name is missing");
    }
    if (!NAME.matcher(name).matches()) {
      throw FloeException.of(ErrorCode.INVALID_NAME, "Snowflake user name '%s' is invalid: up to "
          + "255 letters, digits and _ $ @ . -, starting with a letter, digit or _", name);
    }
    return name.toUpperCase(Locale.ROOT);
  }
}
