package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.BucketPermission;
import io.floe.engine.api.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A project's Snowflake key-pair users: the users Snowflake clients log in as with a key-pair JWT
 * (the driver's {@code SNOWFLAKE_JWT}, the SQL API's {@code KEYPAIR_JWT}), checked by {@link
 * io.floe.engine.api.Authentication#authenticateSnowflakeJwt}. A user may read or write exactly
 * the buckets of its {@code bucketPermissions}, like a limited project token. Managed by the
 * project's master token or the admin. Names are Snowflake user names: case-insensitive, kept
 * upper-cased. Only the public key is stored; nothing about a user is secret.
 */
public interface SnowflakeUsers {
  /**
   * A user to register.
   *
   * @param name the Snowflake user name (letters, digits, {@code _ $ @ . -}; upper-cased)
   * @param rsaPublicKey the RSA public key (at least 2048 bits) as {@code ALTER USER ... SET
   *     RSA_PUBLIC_KEY} takes it: PEM with or without its {@code BEGIN}/{@code END} lines
   * @param bucketPermissions bucket name to {@code read} or {@code write}
   */
  record UserSpec(String name, String rsaPublicKey, Map<String, String> bucketPermissions) {
    public UserSpec {
      bucketPermissions = Inputs.map("bucket_permissions", bucketPermissions);
    }
  }

  /**
   * A user as the API shows it.
   *
   * @param fingerprint Snowflake's {@code RSA_PUBLIC_KEY_FP}: {@code SHA256:<base64>}
   * @param bucketPermissions by bucket name
   */
  record Info(String projectId, String name, String fingerprint,
      Map<String, BucketPermission> bucketPermissions, Instant createdAt) {
    public Info {
      requireNonNull(projectId, "projectId");
      requireNonNull(name, "name");
      requireNonNull(fingerprint, "fingerprint");
      bucketPermissions = new TreeMap<>(bucketPermissions);
      requireNonNull(createdAt, "createdAt");
    }
  }

  /**
   * Registers a user.
   *
   * @throws io.floe.engine.api.FloeException {@code invalid_input} for a key that is not an RSA
   *     public key of at least 2048 bits, {@code already_exists} for a name taken in the project
   */
  Info create(Principal p, String projectId, UserSpec spec);

  List<Info> list(Principal p, String projectId);

  Info get(Principal p, String projectId, String name);

  /** Deletes a user; its sessions end and its JWTs stop authenticating at once. */
  void delete(Principal p, String projectId, String name);
}
