package io.floe.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The web console's files: {@code GET /} is the console's page, {@code GET /console/<file>} its
 * scripts and styles, built into the jar (no separate toolchain). Everything the console shows comes
 * from the same REST API scripts use, called with the signed-in token in a header: no cookie, so
 * no cross-site request can act as the user, and a Content-Security-Policy that allows only the
 * console's own scripts (none inline) and requests to this server.
 */
public final class ConsoleHandler extends Handler.Abstract {
  private static final String BASE = "console/";
  private static final Pattern FILE = Pattern.compile("[a-z0-9-]+\\.(js|css|svg|html)");
  private static final Map<String, String> TYPES = Map.of(
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml", "html", "text/html; charset=utf-8");
  /** The policy every console response carries. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
      + "style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
      + "base-uri 'none'; frame-ancestors 'none'";

  private final Map<String, byte[]> files = new ConcurrentHashMap<>();

  @Override public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (!path.equals(request.getHttpURI().getPath())) {
      return false; // a path that only normalizes to the console's (/projects/..) is the API's to refuse
    }
    String file;
    if (path.equals("/") || path.equals("/index.html")) {
      file = "index.html";
    } else if (path.startsWith("/console/") && FILE.matcher(path.substring(9)).matches()) {
      file = path.substring(9);
    } else {
      return false;
    }
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      Response.writeError(request, response, callback, 405, "use GET");
      return true;
    }
    byte[] body = files.computeIfAbsent(file, ConsoleHandler::read);
    if (body.length == 0) {
      Response.writeError(request, response, callback, 404, "no such file");
      return true;
    }
    String extension = file.substring(file.lastIndexOf('.') + 1);
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPES.get(extension));
    response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body),
        callback);
    return true;
  }

  /** A console file's bytes, or none when it does not exist. */
  private static byte[] read(String file) {
    try (InputStream in = ConsoleHandler.class.getResourceAsStream(BASE + file)) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
