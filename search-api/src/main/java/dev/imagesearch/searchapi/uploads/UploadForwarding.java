package dev.imagesearch.searchapi.uploads;

import dev.imagesearch.searchapi.web.PresentedKey;
import dev.imagesearch.web.ApiKeyHeaders;
import dev.imagesearch.web.ServiceUnavailable;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Passes uploads, upload status and deletions through to the ingest-service, so the web page works
 * from one origin with no CORS. Bodies stream both ways; the ingest-service checks keys and input.
 */
@RestController
@EnableConfigurationProperties(UploadForwardingProperties.class)
class UploadForwarding {
  private static final List<String> REQUEST_HEADERS =
      List.of(
          HttpHeaders.CONTENT_TYPE,
          HttpHeaders.CONTENT_LENGTH,
          HttpHeaders.AUTHORIZATION,
          "X-Api-Key");
  private static final List<String> RESPONSE_HEADERS =
      List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE);

  private final WebClient ingest;

  UploadForwarding(UploadForwardingProperties properties, ObservationRegistry observations) {
    // Observed, so the upload's trace context (W3C traceparent) travels on to the ingest-service.
    this.ingest =
        WebClient.builder()
            .baseUrl(properties.forwardTo().toString())
            .observationRegistry(observations)
            .build();
  }

  @PostMapping("/api/images")
  Mono<ResponseEntity<Flux<DataBuffer>>> upload(ServerHttpRequest request) {
    return forward(request, HttpMethod.POST, "/api/images");
  }

  @GetMapping("/api/images/{id}/status")
  Mono<ResponseEntity<Flux<DataBuffer>>> status(
      ServerHttpRequest request, @PathVariable String id) {
    return forward(request, HttpMethod.GET, "/api/images/{id}/status", id);
  }

  /** Many images' status in one request: what the page polls while a folder is indexed. */
  @PostMapping("/api/images/status")
  Mono<ResponseEntity<Flux<DataBuffer>>> statuses(ServerHttpRequest request) {
    return forward(request, HttpMethod.POST, "/api/images/status");
  }

  @DeleteMapping("/api/images/{id}")
  Mono<ResponseEntity<Flux<DataBuffer>>> delete(
      ServerHttpRequest request, @PathVariable String id) {
    return forward(request, HttpMethod.DELETE, "/api/images/{id}", id);
  }

  private Mono<ResponseEntity<Flux<DataBuffer>>> forward(
      ServerHttpRequest request, HttpMethod method, String path, Object... variables) {
    return ingest
        .method(method)
        .uri(path, variables)
        .headers(
            headers -> {
              copy(request.getHeaders(), headers, REQUEST_HEADERS);
              // The page signs in with a cookie; the ingest-service reads keys from headers.
              String signedIn = PresentedKey.fromCookie(request);
              if (PresentedKey.fromHeaders(request) == null && signedIn != null) {
                headers.set(ApiKeyHeaders.HEADER, signedIn);
              }
            })
        .body(BodyInserters.fromDataBuffers(request.getBody()))
        .retrieve()
        // The ingest-service's 4xx/5xx answers are the client's answers, not errors here.
        .onStatus(status -> true, response -> Mono.empty())
        .toEntityFlux(DataBuffer.class)
        .map(
            response -> {
              HttpHeaders headers = new HttpHeaders();
              copy(response.getHeaders(), headers, RESPONSE_HEADERS);
              return ResponseEntity.status(response.getStatusCode())
                  .headers(headers)
                  .body(response.getBody());
            })
        .onErrorMap(
            WebClientRequestException.class,
            e ->
                new ServiceUnavailable(
                    "The upload service is unavailable; nothing was stored, retry shortly.", e));
  }

  private static void copy(HttpHeaders from, HttpHeaders to, List<String> names) {
    for (String name : names) {
      List<String> values = from.get(name);
      if (values != null) {
        to.addAll(name, values);
      }
    }
  }
}
