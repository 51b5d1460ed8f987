/**
 * Identities and access: {@link io.floe.engine.api.Principal} (who calls),
 * {@link io.floe.engine.security.AccessPolicy} (the only place that decides what a principal may
 * see and change), token authentication, Snowflake key-pair JWTs
 * ({@link io.floe.engine.security.KeyPairJwtCheck}, {@link io.floe.engine.security.RsaPublicKeys})
 * and secrets.
 */
package io.floe.engine.security;
