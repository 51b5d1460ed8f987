package io.floe.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node.js packages for tests that drive real JavaScript clients: a {@code package.json} and its
 * {@code package-lock.json} (every version pinned) from the test resources, installed with
 * {@code npm ci} into {@code ~/.cache/floe/node-<name>-<digest>} once, and reused while the lock
 * file is the same.
 */
final class NodeEnvironments {
  private NodeEnvironments() {}

  /** The directory whose {@code node_modules} holds the packages of resource folder {@code folder}. */
  static synchronized Path ensure(String name, String folder) {
    try {
      byte[] manifest = resource(folder + "/package.json");
      byte[] lock = resource(folder + "/package-lock.json");
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(manifest);
      digest.update(lock);
      String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
      Path dir = Path.of(System.getProperty("user.home"), ".cache", "floe", "node-" + name + "-" + hash);
      Path done = dir.resolve(".complete");
      if (Files.exists(done)) {
        return dir;
      }
      Files.createDirectories(dir);
      Files.write(dir.resolve("package.json"), manifest);
      Files.write(dir.resolve("package-lock.json"), lock);
      Process p = new ProcessBuilder(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"))
          .directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("npm ci failed in " + dir + ":\n" + output);
      }
      Files.writeString(done, "ok\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = NodeEnvironments.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return in.readAllBytes();
    }
  }
}
