package io.floe.pgwire;

import com.ongres.scram.common.ClientFirstMessage;
import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ServerFirstMessage;
import com.ongres.scram.common.exception.ScramParseException;
import io.floe.engine.security.ScramVerifier;
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
  private ClientFirstMessage clientFirst;
  private ServerFirstMessage serverFirst;
  private String gs2Header;

  ScramServer(ScramVerifier verifier) {
    this.verifier = verifier;
  }

  /** Reads client-first-message; returns server-first-message. */
  String first(String clientFirstMessage) {
    try {
      clientFirst = ClientFirstMessage.parseFrom(clientFirstMessage);
    } catch (ScramParseException | IllegalArgumentException e) {
      throw new PgProtocolException("malformed SCRAM client-first-message");
    }
    if (clientFirst.isChannelBindingRequired()) {
      throw new PgProtocolException("channel binding is not supported");
    }
    int bare = clientFirstMessage.indexOf("n=");
    gs2Header = bare < 0 ? "n,," : clientFirstMessage.substring(0, bare);
    String nonce = clientFirst.getClientNonce() + ScramFunctions.nonce(24, RANDOM);
    serverFirst = new ServerFirstMessage(clientFirst.getClientNonce(),
        nonce.substring(clientFirst.getClientNonce().length()),
        Base64.getEncoder().encodeToString(verifier.salt()), verifier.iterations());
    return serverFirst.toString();
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
    if (!channel.equals(expectedChannel) || !nonce.equals(serverFirst.getNonce())) {
      return null;
    }
    String withoutProof = clientFinalMessage.substring(0, clientFinalMessage.lastIndexOf(",p="));
    String authMessage = clientFirstBare() + "," + serverFirst + "," + withoutProof;
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

  private String clientFirstBare() {
    String full = clientFirst.toString();
    int bare = full.indexOf("n=");
    return bare < 0 ? full : full.substring(bare);
  }
}
