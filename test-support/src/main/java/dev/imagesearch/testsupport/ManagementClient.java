package dev.imagesearch.testsupport;

import java.time.Duration;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client for a service's management port, where health and metrics live apart from the API
 * (docs/decisions/0026-management-port.md).
 */
public final class ManagementClient {
  private ManagementClient() {}

  public static WebTestClient of(int port) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        // the first scrape of a busy test machine can take seconds
        .responseTimeout(Duration.ofSeconds(60))
        // a shared test context has many series, with histogram buckets: past the 256 KB default
        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
        .build();
  }
}
