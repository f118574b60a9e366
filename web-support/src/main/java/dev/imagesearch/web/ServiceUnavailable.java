package dev.imagesearch.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A dependency (S3, Kafka, Elasticsearch) is away or work is saturated: 503 with Retry-After. */
public class ServiceUnavailable extends ResponseStatusException {
  private static final int RETRY_AFTER_SECONDS = 5;

  public ServiceUnavailable(String reason, Throwable cause) {
    super(HttpStatus.SERVICE_UNAVAILABLE, reason, cause);
  }

  @Override
  public HttpHeaders getHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    return headers;
  }
}
