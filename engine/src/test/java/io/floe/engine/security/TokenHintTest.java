package io.floe.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.api.HttpCredentials;
import org.junit.jupiter.api.Test;

/** What may be said about a secret. */
class TokenHintTest {
  @Test void aHintNamesOnlyThePrefixOfFloesOwnTokenFormats() {
    assertThat(TokenService.hint(Secrets.token("floe_admin_"))).isEqualTo("floe_admin_…");
    assertThat(TokenService.hint(Secrets.token("proj_shop_"))).isEqualTo("proj_shop_…");
    assertThat(TokenService.hint(Secrets.token("proj_shop_admin_"))).isEqualTo("proj_shop_admin_…");
    assertThat(TokenService.hint("e2e-admin-token-0123456789")).isNull();
    assertThat(TokenService.hint("proj_shop_" + "x".repeat(42))).isNull();
    assertThat(TokenService.hint("my password " + "x".repeat(43))).isNull();
  }

  @Test void aTokenNeverShowsItsSecret() {
    assertThat(new HttpCredentials.Token("secret-value").toString()).doesNotContain("secret-value");
  }
}
