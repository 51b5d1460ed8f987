package io.floe.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Reading credentials from HTTP headers, and what may be said about a secret. */
class HttpCredentialsTest {
  @Test void headersBecomeATokenNothingOrWhatIsWrong() {
    assertThat(HttpCredentials.of(null, null)).isEqualTo(new HttpCredentials.None());
    assertThat(HttpCredentials.of("Bearer abc", null)).isEqualTo(new HttpCredentials.Token("abc"));
    assertThat(HttpCredentials.of("bearer  abc ", null)).isEqualTo(new HttpCredentials.Token("abc"));
    assertThat(HttpCredentials.of("Basic " + Base64.getEncoder().encodeToString(
        "user:abc".getBytes(StandardCharsets.UTF_8)), null)).isEqualTo(new HttpCredentials.Token("abc"));
    assertThat(HttpCredentials.of("Bearer x", "abc")).isEqualTo(new HttpCredentials.Token("abc"));
    assertThat(HttpCredentials.of("abc", null))
        .isEqualTo(new HttpCredentials.Malformed("Authorization header must be 'Bearer <token>'"));
    assertThat(HttpCredentials.of("Token abc", null))
        .isEqualTo(new HttpCredentials.Malformed("Authorization header must be 'Bearer <token>'"));
    assertThat(HttpCredentials.of("Bearer ", null)).isEqualTo(new HttpCredentials.Malformed("empty token"));
    assertThat(HttpCredentials.of("Bearer", null)).isEqualTo(new HttpCredentials.Malformed("empty token"));
    assertThat(HttpCredentials.of(null, " ")).isEqualTo(new HttpCredentials.Malformed("empty token"));
    assertThat(new HttpCredentials.Token("secret-value").toString()).doesNotContain("secret-value");
  }

  @Test void aHintNamesOnlyThePrefixOfFloesOwnTokenFormats() {
    assertThat(TokenService.hint(Secrets.token("floe_admin_"))).isEqualTo("floe_admin_…");
    assertThat(TokenService.hint(Secrets.token("proj_shop_"))).isEqualTo("proj_shop_…");
    assertThat(TokenService.hint(Secrets.token("proj_shop_admin_"))).isEqualTo("proj_shop_admin_…");
    assertThat(TokenService.hint("e2e-admin-token-0123456789")).isNull();
    assertThat(TokenService.hint("proj_shop_" + "x".repeat(42))).isNull();
    assertThat(TokenService.hint("my password " + "x".repeat(43))).isNull();
  }
}
