package io.floe.server;

import io.floe.engine.api.HttpCredentials;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP access log: one line per request, REST and JDBC alike, on logger
 * {@code floe.access.http}: method, path (never the query string, which may carry secrets),
 * status, bytes sent, duration, the principal if the request authenticated (its name, never its
 * token) and the client's address.
 */
final class AccessLog implements RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger("floe.access.http");
  private static final int MAX_PATH = 300;

  @Override public void log(Request request, Response response) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    Object principal = request.getAttribute(HttpCredentials.PRINCIPAL_ATTRIBUTE);
    LOG.info("method={} path={} status={} bytes={} duration_ms={} principal={} remote={}",
        shorten(request.getMethod(), 16), shorten(request.getHttpURI().getPath(), MAX_PATH),
        response.getStatus(), Response.getContentBytesWritten(response),
        (System.nanoTime() - request.getBeginNanoTime()) / 1_000_000,
        principal == null ? "-" : principal, Request.getRemoteAddr(request));
  }

  private static String shorten(String s, int max) {
    if (s == null || s.isEmpty()) {
      return "-";
    }
    return s.length() > max ? s.substring(0, max) + "..." : s;
  }
}
