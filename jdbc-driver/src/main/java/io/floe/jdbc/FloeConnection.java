package io.floe.jdbc;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * A connection to Floe. Besides Avatica's protocol it knows the server's cancel endpoint, because
 * Avatica's protocol has no cancel request.
 */
public class FloeConnection extends AvaticaConnection {
  private volatile String baseUrl;
  private volatile String token;

  FloeConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
    super(driver, factory, url, info);
  }

  void configureCancel(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  Meta meta() {
    return meta;
  }

  /**
   * Asks the server to stop statement {@code statementId}; it interrupts the DuckDB work, and the
   * statement's pending call fails with SQLSTATE 57014.
   */
  void cancelOnServer(int statementId, boolean timeout) {
    if (baseUrl == null) {
      return;
    }
    String body = "{\"connection_id\":\"" + id + "\",\"statement_id\":" + statementId
        + ",\"reason\":\"" + (timeout ? "timeout" : "cancel") + "\"}";
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/avatica/cancel"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      FloeHttpClient.clientFor(config()).send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException e) {
      // The statement ends anyway when its connection closes or it times out on the server.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
