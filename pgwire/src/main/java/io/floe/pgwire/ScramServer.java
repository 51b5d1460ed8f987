package io.floe.pgwire;

import com.ongres.scram.common.ScramFunctions;
import io.floe.engine.api.ScramVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802/7677, as PostgreSQL runs it) against a
 * stored {@link ScramVerifier}. The SCRAM user name is ignored (clients send {@code n=*} or
 * {@code n=}); the start-up packet's user is authoritative. Channel binding is not offered, so the
 * gs2 flags {@code n} and {@code y} are accepted and {@code p} is refused.
 */
final class ScramServer {
  static final String MECHANISM = "SCRAM-SHA-256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ScramVerifier verifier;
  private String clientFirstBare;
  private String serverFirst;
  private String nonce;
  private String gs2Header;

  ScramServer(ScramVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * Reads client-first-message ({@code gs2-header client-first-message-bare}); returns
   * server-first-message. libpq sends an empty SCRAM user ({@code n=}), pgjdbc {@code n=*}.
   */
  String first(String clientFirstMessage) {
    if (clientFirstMessage.startsWith("p=")) {
      throw new PgProtocolException("channel binding is not supported");
    }
    if (!(clientFirstMessage.startsWith("n,") || clientFirstMessage.startsWith("y,"))) {
      throw new PgProtocolException("malformed SCRAM client-first-message");
    }
    int second = clientFirstMessage.indexOf(',', 2);
    if (second < 0) {
      throw new PgProtocolException("malformed SCRAM client-first-message");
    }
    gs2Header = clientFirstMessage.substring(0, second + 1);
    clientFirstBare = clientFirstMessage.substring(second + 1);
    String clientNonce = null;
    for (String attribute : clientFirstBare.split(",")) {
      if (attribute.startsWith("r=")) {
        clientNonce = attribute.substring(2);
      } else if (attribute.startsWith("m=")) {
        throw new PgProtocolException("SCRAM extensions are not supported");
      }
    }
    if (clientNonce == null || clientNonce.isEmpty() || !clientFirstBare.startsWith("n=")) {
      throw new PgProtocolException("malformed SCRAM client-first-message");
    }
    nonce = clientNonce + ScramFunctions.nonce(24, RANDOM);
    serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt())
        + ",i=" + verifier.iterations();
    return serverFirst;
  }

  /**
   * Checks client-final-message ({@code c=...,r=...,p=...}); returns server-final-message, or
   * null when the proof is wrong.
   */
  String last(String clientFinalMessage) {
    String channel = null;
    String nonce = null;
    String proof = null;
    for (String part : clientFinalMessage.split(",")) {
      if (part.startsWith("c=")) {
        channel = part.substring(2);
      } else if (part.startsWith("r=")) {
        nonce = part.substring(2);
      } else if (part.startsWith("p=")) {
        proof = part.substring(2);
      }
    }
    if (channel == null || nonce == null || proof == null) {
      throw new PgProtocolException("malformed SCRAM client-final-message");
    }
    String expectedChannel = Base64.getEncoder().encodeToString(
        gs2Header.getBytes(StandardCharsets.UTF_8));
    if (!channel.equals(expectedChannel) || !nonce.equals(this.nonce)) {
      return null;
    }
    String withoutProof = clientFinalMessage.substring(0, clientFinalMessage.lastIndexOf(",p="));
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] proofBytes;
    try {
      proofBytes = Base64.getDecoder().decode(proof);
    } catch (IllegalArgumentException e) {
      return null;
    }
    byte[] signature = ScramFunctions.hmac(ScramVerifier.MECHANISM, verifier.storedKey(),
        authMessage.getBytes(StandardCharsets.UTF_8));
    if (proofBytes.length != signature.length) {
      return null;
    }
    byte[] clientKey = new byte[signature.length];
    for (int i = 0; i < clientKey.length; i++) {
      clientKey[i] = (byte) (proofBytes[i] ^ signature[i]);
    }
    byte[] storedKey = ScramFunctions.hash(ScramVerifier.MECHANISM, clientKey);
    if (!MessageDigest.isEqual(storedKey, verifier.storedKey())) {
      return null;
    }
    byte[] serverSignature = ScramFunctions.hmac(ScramVerifier.MECHANISM, verifier.serverKey(),
        authMessage.getBytes(StandardCharsets.UTF_8));
    return "v=" + Base64.getEncoder().encodeToString(serverSignature);
  }

}
