package io.floe.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.api.HttpCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading credentials from HTTP headers: one rule for every HTTP front-end. */
class CredentialsTest {
  private static HttpCredentials read(String authorization, String storageApiToken) {
    return CallerAuthentication.read(authorization == null ? List.of() : List.of(authorization),
        storageApiToken == null ? List.of() : List.of(storageApiToken));
  }

  private static String basic(String userAndPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test void headersBecomeATokenNothingOrWhatIsWrong() {
    assertThat(read(null, null)).isEqualTo(new HttpCredentials.None());
    assertThat(read("Bearer abc", null)).isEqualTo(new HttpCredentials.Token("abc"));
    assertThat(read("bearer  abc ", null)).isEqualTo(new HttpCredentials.Token("abc"));
    assertThat(read(basic("user:abc"), null)).isEqualTo(new HttpCredentials.Token("abc"));
    assertThat(read(null, " abc ")).isEqualTo(new HttpCredentials.Token("abc"));
    assertThat(read("abc", null))
        .isEqualTo(new HttpCredentials.Malformed("Authorization header must be 'Bearer <token>'"));
    assertThat(read("Token abc", null))
        .isEqualTo(new HttpCredentials.Malformed("Authorization header must be 'Bearer <token>'"));
    assertThat(read("Bearer ", null)).isEqualTo(new HttpCredentials.Malformed("empty token"));
    assertThat(read("Bearer", null)).isEqualTo(new HttpCredentials.Malformed("empty token"));
    assertThat(read(null, " ")).isEqualTo(new HttpCredentials.Malformed("empty token"));
    assertThat(read("Basic !!!", null)).isInstanceOf(HttpCredentials.Malformed.class);
  }

  @Test void severalCredentialsMustNameOneToken() {
    assertThat(read("Bearer abc", "abc")).isEqualTo(new HttpCredentials.Token("abc"));
    assertThat(read(basic("x:abc"), "abc")).isEqualTo(new HttpCredentials.Token("abc"));
    assertThat(read("Bearer x", "abc")).isEqualTo(new HttpCredentials.Conflicting());
    assertThat(read(basic("x:y"), "abc")).isEqualTo(new HttpCredentials.Conflicting());
    assertThat(CallerAuthentication.read(List.of("Bearer a", "Bearer b"), List.of()))
        .isEqualTo(new HttpCredentials.Conflicting());
    // A credential Floe cannot read is not outvoted by one it can.
    assertThat(read("Negotiate abc", "abc")).isInstanceOf(HttpCredentials.Malformed.class);
    assertThat(read("Bearer abc", " ")).isEqualTo(new HttpCredentials.Malformed("empty token"));
  }
}
