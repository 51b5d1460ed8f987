package io.floe.pgwire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A PostgreSQL client written against the protocol itself, for tests that must see exactly what
 * the server sends: start-up packets, SCRAM-SHA-256 by hand (RFC 5802/7677, checking the server's
 * signature), typed messages in and out.
 */
final class RawPg implements AutoCloseable {
  /** A backend message: type and body. */
  record Message(char type, byte[] body) {
    int int32(int at) {
      return ((body[at] & 0xff) << 24) | ((body[at + 1] & 0xff) << 16) | ((body[at + 2] & 0xff) << 8)
          | (body[at + 3] & 0xff);
    }

    /** The fields of an ErrorResponse or NoticeResponse, keyed by field code. */
    Map<Character, String> fields() {
      Map<Character, String> f = new LinkedHashMap<>();
      int i = 0;
      while (i < body.length && body[i] != 0) {
        char code = (char) body[i++];
        int end = i;
        while (body[end] != 0) {
          end++;
        }
        f.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
        i = end + 1;
      }
      return f;
    }

    String text(int from) {
      return new String(body, from, body.length - from, StandardCharsets.UTF_8);
    }
  }

  final Socket socket;
  final DataInputStream in;
  final DataOutputStream out;

  RawPg(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  /** Sends a start-up packet for protocol 3.0 with these name/value pairs. */
  void startup(String... params) throws Exception {
    out.write(PgStartupTest.startup(PgStartup.PROTOCOL_3_0, params));
    out.flush();
  }

  /** Sends one typed message. */
  void send(char type, byte[] body) throws IOException {
    out.writeByte(type);
    out.writeInt(body.length + 4);
    out.write(body);
    out.flush();
  }

  /** A simple Query. */
  void query(String sql) throws IOException {
    send('Q', cstring(sql));
  }

  Message read() throws IOException {
    char type = (char) in.readUnsignedByte();
    int length = in.readInt();
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Message(type, body);
  }

  /** Reads until a message of {@code type}, returning it. */
  Message readUntil(char type) throws IOException {
    while (true) {
      Message m = read();
      if (m.type() == type) {
        return m;
      }
      if (m.type() == 'E') {
        throw new IllegalStateException("error from server: " + m.fields());
      }
    }
  }

  /**
   * Authenticates with SCRAM-SHA-256 after the start-up packet. Returns the messages that followed
   * the client's final message up to ReadyForQuery, in order; fails unless the server's signature
   * is present and right.
   */
  java.util.List<Message> scram(String password) throws IOException, GeneralSecurityException {
    Message sasl = read();
    if (sasl.type() != 'R' || sasl.int32(0) != 10) {
      throw new IllegalStateException("expected AuthenticationSASL, got " + sasl.type());
    }
    byte[] nonceBytes = new byte[18];
    new SecureRandom().nextBytes(nonceBytes);
    String nonce = Base64.getEncoder().encodeToString(nonceBytes);
    String clientFirstBare = "n=,r=" + nonce;
    byte[] first = ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream initial = new ByteArrayOutputStream();
    initial.write(cstring("SCRAM-SHA-256"));
    new DataOutputStream(initial).writeInt(first.length);
    initial.write(first);
    send('p', initial.toByteArray());
    Message continueMessage = read();
    if (continueMessage.type() != 'R' || continueMessage.int32(0) != 11) {
      throw new IllegalStateException("expected AuthenticationSASLContinue: " + continueMessage.fields());
    }
    String serverFirst = continueMessage.text(4);
    Map<String, String> attrs = attributes(serverFirst);
    byte[] salt = Base64.getDecoder().decode(attrs.get("s"));
    int iterations = Integer.parseInt(attrs.get("i"));
    String withoutProof = "c=biws,r=" + attrs.get("r");
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(
        new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
    byte[] clientKey = hmac(salted, "Client Key");
    byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
    byte[] signature = hmac(storedKey, authMessage);
    byte[] proof = new byte[clientKey.length];
    for (int i = 0; i < proof.length; i++) {
      proof[i] = (byte) (clientKey[i] ^ signature[i]);
    }
    send('p', (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
        .getBytes(StandardCharsets.UTF_8));
    String expected = "v=" + Base64.getEncoder().encodeToString(
        hmac(hmac(salted, "Server Key"), authMessage));
    java.util.List<Message> after = new java.util.ArrayList<>();
    while (true) {
      Message m = read();
      after.add(m);
      if (m.type() == 'R' && m.int32(0) == 12 && !m.text(4).equals(expected)) {
        throw new IllegalStateException("wrong server signature " + m.text(4));
      }
      if (m.type() == 'Z' || m.type() == 'E') {
        return after;
      }
    }
  }

  private static Map<String, String> attributes(String message) {
    Map<String, String> a = new LinkedHashMap<>();
    for (String part : message.split(",")) {
      a.put(part.substring(0, 1), part.substring(2));
    }
    return a;
  }

  private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] cstring(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[b.length + 1];
    System.arraycopy(b, 0, out, 0, b.length);
    return out;
  }

  /** True when the server closed the connection (end of stream) within the socket timeout. */
  boolean closedByServer() {
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (IOException e) {
      return !(e instanceof java.net.SocketTimeoutException);
    }
  }

  @Override public void close() throws IOException {
    socket.close();
  }
}
