package dev.imagesearch.ingestservice;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One JPEG upload with the write key, for tests whose servers are made slow or absent. */
public final class Uploads {
  private Uploads() {}

  /** Waits up to 90 s for the answer: longer than any bounded wait the service may be in. */
  public static WebTestClient.ResponseSpec upload(WebTestClient http, byte[] jpeg) {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part("file", jpeg).filename("photo.jpg");
    return http.mutate()
        .responseTimeout(Duration.ofSeconds(90))
        .build()
        .post()
        .uri("/api/images")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestTest.WRITE_KEY)
        .bodyValue(body.build())
        .exchange();
  }
}
