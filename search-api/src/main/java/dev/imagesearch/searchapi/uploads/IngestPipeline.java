package dev.imagesearch.searchapi.uploads;

import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** Asks the ingest-service how many uploaded images the workers have not taken up yet. */
@Component
public class IngestPipeline {
  /** The page polls /api/info; a slow ingest-service must not hold its counts up. */
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  private final WebClient ingest;

  IngestPipeline(UploadForwardingProperties properties) {
    this.ingest = WebClient.builder().baseUrl(properties.forwardTo().toString()).build();
  }

  private record Answer(Long pending) {}

  /** The pending count, or empty when the ingest-service (or its Kafka) cannot tell now. */
  public Mono<Optional<Long>> pending() {
    return ingest
        .get()
        .uri("/api/pipeline")
        .retrieve()
        .bodyToMono(Answer.class)
        .map(answer -> Optional.ofNullable(answer.pending()))
        .timeout(TIMEOUT)
        .onErrorResume(e -> Mono.just(Optional.empty()))
        .defaultIfEmpty(Optional.empty());
  }
}
