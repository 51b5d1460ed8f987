package io.floe.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.FloeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets sealed with AES-GCM: they open only with their key and for their owner, unchanged. */
class SecretBoxTest {
  @TempDir Path dir;

  @Test void aSealedSecretOpensForItsOwnerAndHoldsNoPlainText() throws Exception {
    Path keyFile = dir.resolve("secrets.key");
    SecretBox box = SecretBox.fromKeyFile(keyFile);
    byte[] sealed = box.seal("hunter2-password", "snowflake-connection:p/main");
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
    assertThat(box.open(sealed, "snowflake-connection:p/main")).isEqualTo("hunter2-password");
    // Each seal has its own nonce.
    assertThat(box.seal("hunter2-password", "snowflake-connection:p/main")).isNotEqualTo(sealed);
    // The key file is kept, owner-only, and read again by the next start.
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    assertThat(SecretBox.fromKeyFile(keyFile).open(sealed, "snowflake-connection:p/main"))
        .isEqualTo("hunter2-password");
  }

  @Test void aSecretMovedToAnotherOwnerChangedOrUnderAnotherKeyDoesNotOpen() {
    SecretBox box = SecretBox.fromKeyFile(dir.resolve("a.key"));
    byte[] sealed = box.seal("s3cret", "snowflake-connection:p/main");
    assertThatThrownBy(() -> box.open(sealed, "snowflake-connection:q/main"))
        .isInstanceOf(FloeException.class);
    byte[] changed = sealed.clone();
    changed[changed.length - 1] ^= 1;
    assertThatThrownBy(() -> box.open(changed, "snowflake-connection:p/main"))
        .isInstanceOf(FloeException.class);
    assertThatThrownBy(() -> SecretBox.fromKeyFile(dir.resolve("b.key"))
        .open(sealed, "snowflake-connection:p/main")).isInstanceOf(FloeException.class);
  }

  @Test void aKeyFileThatIsNoKeyIsRefusedAtStart() throws Exception {
    Path bad = dir.resolve("bad.key");
    Files.writeString(bad, "not a key");
    assertThatThrownBy(() -> SecretBox.fromKeyFile(bad)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secrets key");
  }
}
