package io.floe.engine.security;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.BucketPermission;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.IssuedToken;
import io.floe.engine.api.Principal;
import io.floe.engine.api.TokenRecord;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.Sqlite;
import io.floe.engine.catalog.TokenRows;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Authenticates tokens and issues new ones. Tokens are 255-bit random secrets; only their SHA-256 is
 * stored, looked up by that digest and compared in constant time. Known tokens are cached in memory
 * (at most {@link #MAX_CACHED} of them), and the cache is dropped on every catalog change, so a
 * revoked token stops working at once. Unknown secrets are never cached: anyone can send any
 * number of them, and each costs one indexed read on a catalog reader connection.
 */
public final class TokenService {
  private static final String ADMIN_PREFIX = "floe_admin_";
  private static final int MAX_TOKEN_LENGTH = 512;
  /** Most tokens kept in the cache; past it the cache starts over. */
  static final int MAX_CACHED = 10_000;

  private final Catalog catalog;
  private final Clock clock;
  private final Map<String, TokenRecord> cache = new ConcurrentHashMap<>();
  /** Counts cache drops, so a lookup that raced with a catalog change does not cache stale data. */
  private final AtomicLong generation = new AtomicLong();

  public TokenService(Catalog catalog, Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.clock = requireNonNull(clock, "clock");
    catalog.onChange(s -> {
      generation.incrementAndGet();
      cache.clear();
    });
  }

  /** The principal a presented secret stands for; empty if it is unknown, revoked or expired. */
  public Optional<Principal> authenticate(String secret) {
    return check(secret) instanceof TokenCheck.Valid valid ? Optional.of(valid.principal())
        : Optional.empty();
  }

  /** Checks a presented secret; a refusal says why, for the audit log (never to the caller). */
  public TokenCheck check(String secret) {
    if (secret == null || secret.isBlank()) {
      return new TokenCheck.Refused("empty token", null);
    }
    if (secret.length() > MAX_TOKEN_LENGTH) {
      return new TokenCheck.Refused("token longer than " + MAX_TOKEN_LENGTH + " characters", null);
    }
    String hash = Secrets.sha256(secret.strip());
    // The catalog finds the token by the secret's hash; the secret itself is never stored.
    Optional<TokenRecord> token = lookup(hash);
    if (token.isEmpty()) {
      return new TokenCheck.Refused("unknown token", null);
    }
    TokenRecord t = token.get();
    Principal principal = t.kind() == TokenRecord.Kind.ADMIN ? Principal.admin(t) : Principal.projectToken(t);
    if (t.revokedAt() != null) {
      return new TokenCheck.Refused("token revoked", principal.name(), principal.projectId());
    }
    if (!t.isActive(clock.instant())) {
      return new TokenCheck.Refused("token expired", principal.name(), principal.projectId());
    }
    return new TokenCheck.Valid(principal);
  }

  /**
   * What may be said about a presented secret without revealing it: the prefix of Floe's own token
   * formats ({@code floe_admin_…}, {@code proj_<project>_…}), or null for any other string.
   */
  public static String hint(String secret) {
    if (secret == null) {
      return null;
    }
    String s = secret.strip();
    int random = s.length() - Secrets.TOKEN_RANDOM_CHARS;
    if (random <= 0 || random > 120 || !s.substring(random).chars().allMatch(TokenService::asciiAlphanumeric)) {
      return null;
    }
    String prefix = s.substring(0, random);
    boolean ours = (prefix.equals(ADMIN_PREFIX) || prefix.startsWith("proj_")) && prefix.endsWith("_")
        && prefix.chars().allMatch(c -> asciiAlphanumeric(c) || c == '_' || c == '-');
    return ours ? prefix + "…" : null;
  }

  private static boolean asciiAlphanumeric(int c) {
    return c < 128 && Character.isLetterOrDigit(c);
  }

  private Optional<TokenRecord> lookup(String hash) {
    TokenRecord cached = cache.get(hash);
    if (cached != null) {
      return Optional.of(cached);
    }
    long before = generation.get();
    Optional<TokenRecord> token = catalog.read(tx -> TokenRows.byHash(tx, hash));
    if (token.isPresent() && generation.get() == before) {
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(hash, token.get());
      if (generation.get() != before) {
        // The catalog changed while the token was read (perhaps revoking it): forget it.
        cache.remove(hash);
      }
    }
    return token;
  }

  /** Tokens held in the cache now (for monitoring and tests). */
  public int cachedTokens() {
    return cache.size();
  }

  /** The admin principal, for the engine's own background work (warm-up). */
  public Optional<Principal> adminPrincipal() {
    return catalog.read(TokenRows::admin).filter(t -> t.isActive(clock.instant())).map(Principal::admin);
  }

  /** The token with this id, if it is neither revoked nor expired. */
  public Optional<TokenRecord> activeToken(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return catalog.read(tx -> TokenRows.byId(tx, id)).filter(t -> t.isActive(clock.instant()));
  }

  /** Which of these token ids are neither revoked nor expired, in one catalog read. */
  public Set<String> activeTokenIds(Collection<String> ids) {
    List<String> distinct = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
    if (distinct.isEmpty()) {
      return Set.of();
    }
    Instant now = clock.instant();
    return Set.copyOf(catalog.read(tx -> TokenRows.byIds(tx, distinct)).stream()
        .filter(t -> t.isActive(now)).map(TokenRecord::id).toList());
  }

  /**
   * {@code p} with its token's rights as they are now (a token may have been narrowed or revoked
   * since {@code p} was authenticated); a principal without a token is returned as it is.
   *
   * @throws FloeException {@code unauthenticated} if the token was revoked or has expired
   */
  public Principal current(Principal p) {
    if (p.token() == null) {
      return p;
    }
    Optional<TokenRecord> token = activeToken(p.tokenId());
    if (p.isWorkspace()) {
      return Principal.workspace(p.workspaceId(), p.projectId(), token.orElse(null));
    }
    // The principal keeps its name: a Snowflake user's is not its token's.
    return token.map(t -> t.kind() == TokenRecord.Kind.ADMIN ? Principal.admin(t) : p.withToken(t))
        .orElseThrow(() -> new FloeException(ErrorCode.UNAUTHENTICATED,
            "the token was revoked or has expired"));
  }

  /**
   * Makes sure an admin token exists. With {@code configured} set, that secret becomes the admin
   * token (replacing any other). Without it, a token is generated on first start and returned so the
   * caller can print it once; later starts return empty.
   */
  public Optional<String> ensureAdminToken(String configured) {
    if (configured != null && !configured.isBlank()) {
      String hash = Secrets.sha256(configured.strip());
      catalog.mutate(tx -> {
        Optional<String> existing = TokenRows.adminSecretHash(tx);
        if (existing.isPresent() && Secrets.constantTimeEquals(existing.get(), hash)) {
          return null;
        }
        tx.update("UPDATE tokens SET revoked_at = ? WHERE kind = 'admin' AND revoked_at IS NULL",
            clock.instant().toString());
        TokenRows.insert(tx, adminRecord(), hash);
        return null;
      });
      return Optional.empty();
    }
    return catalog.mutate(tx -> {
      if (TokenRows.admin(tx).isPresent()) {
        return Optional.<String>empty();
      }
      String secret = Secrets.token(ADMIN_PREFIX);
      TokenRows.insert(tx, adminRecord(), Secrets.sha256(secret));
      return Optional.of(secret);
    });
  }

  private TokenRecord adminRecord() {
    return new TokenRecord("tok_admin_" + Secrets.random(8).toLowerCase(java.util.Locale.ROOT),
        TokenRecord.Kind.ADMIN, null, "admin token", true, true, Map.of(), clock.instant(),
        null, null);
  }

  /** Creates a project token inside the caller's catalog transaction. */
  public IssuedToken issueProjectToken(Sqlite.Tx tx, String projectId, String description,
      boolean master, boolean canManageBuckets, Map<Long, BucketPermission> bucketPermissions,
      Instant expiresAt) throws SQLException {
    String secret = projectSecret(projectId, master);
    TokenRecord record = new TokenRecord("tok_" + Secrets.random(16).toLowerCase(java.util.Locale.ROOT),
        TokenRecord.Kind.PROJECT, projectId, description, master,
        master || canManageBuckets, bucketPermissions, clock.instant(), expiresAt, null);
    TokenRows.insert(tx, record, Secrets.sha256(secret));
    return new IssuedToken(record, secret);
  }

  /**
   * Creates, inside the caller's catalog transaction, a project token without a secret: it holds
   * the rights of something that authenticates otherwise (a Snowflake key-pair user). Its stored
   * hash is a marker no SHA-256 equals, so no presented secret ever finds it.
   */
  public TokenRecord issueSecretlessToken(Sqlite.Tx tx, String projectId, String description,
      Map<Long, BucketPermission> bucketPermissions) throws SQLException {
    TokenRecord record = new TokenRecord("tok_" + Secrets.random(16).toLowerCase(java.util.Locale.ROOT),
        TokenRecord.Kind.PROJECT, projectId, description, false, false, bucketPermissions,
        clock.instant(), null, null);
    TokenRows.insert(tx, record, "no-secret:" + record.id());
    return record;
  }

  /**
   * Gives a project token a new secret inside the caller's catalog transaction; the old secret
   * stops working when the transaction commits.
   */
  public IssuedToken refreshSecret(Sqlite.Tx tx, TokenRecord token) throws SQLException {
    String secret = projectSecret(token.projectId(), token.master());
    TokenRows.replaceSecret(tx, token.id(), Secrets.sha256(secret));
    return new IssuedToken(TokenRows.byId(tx, token.id()).orElseThrow(), secret);
  }

  private static String projectSecret(String projectId, boolean master) {
    return Secrets.token("proj_" + projectId + (master ? "_admin_" : "_"));
  }

  public Clock clock() {
    return clock;
  }
}
