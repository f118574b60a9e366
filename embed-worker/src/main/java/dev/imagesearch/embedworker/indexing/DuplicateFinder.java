package dev.imagesearch.embedworker.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ImageQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Finds the nearest already indexed image by CLIP vector. Only originals are candidates (images
 * without {@code duplicateOf}), so every duplicate points at an original, never along a chain.
 */
@Component
public class DuplicateFinder {
  private final ElasticsearchAsyncClient client;
  private final IndexTarget target;
  private final double threshold;
  private final Duration timeout;

  DuplicateFinder(
      ElasticsearchAsyncClient client, IndexTarget target, WorkerProperties properties) {
    this.client = client;
    this.target = target;
    this.threshold = properties.duplicateThreshold();
    this.timeout = properties.requestTimeout();
  }

  public double threshold() {
    return threshold;
  }

  /** An image about to be written. */
  public record Candidate(String id, float[] clip) {}

  /**
   * Image id to the id of the original it nearly duplicates, for the images of one batch in order.
   * Images of the same batch are not searchable yet, so they are compared with each other exactly.
   * Throws when Elasticsearch cannot answer (the batch is retried).
   */
  public Map<String, String> duplicates(List<Candidate> batch)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<CompletableFuture<Optional<String>>> lookups =
        batch.stream().map(c -> nearestOriginal(c.id(), c.clip())).toList();
    Map<String, String> duplicateOf = new HashMap<>();
    List<Candidate> originals = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Candidate candidate = batch.get(i);
      Optional<String> indexed = lookups.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (indexed.isPresent()) {
        duplicateOf.put(candidate.id(), indexed.get());
        continue;
      }
      Optional<Candidate> earlier =
          originals.stream()
              .filter(o -> !o.id().equals(candidate.id()))
              .filter(o -> cosine(o.clip(), candidate.clip()) >= threshold)
              .findFirst();
      if (earlier.isPresent()) {
        duplicateOf.put(candidate.id(), earlier.get().id());
      } else {
        originals.add(candidate);
      }
    }
    return duplicateOf;
  }

  /** The nearest original at or above the threshold, other than the image itself. */
  CompletableFuture<Optional<String>> nearestOriginal(String id, float[] clip) {
    return client
        .search(
            s ->
                // This worker's version: only its vectors are comparable with the candidate's.
                s.index(target.name())
                    .size(1)
                    .source(src -> src.fetch(false))
                    .knn(
                        k ->
                            k.field(ImageIndex.CLIP)
                                .queryVector(ImageQueries.queryVector(clip))
                                .k(1)
                                .numCandidates(20)
                                .filter(
                                    List.of(
                                        ImageQueries.indexedOnly(),
                                        ImageQueries.except(id),
                                        ImageQueries.originalsOnly()))),
            Void.class)
        .thenApply(this::aboveThreshold);
  }

  private Optional<String> aboveThreshold(SearchResponse<Void> response) {
    List<Hit<Void>> hits = response.hits().hits();
    if (hits.isEmpty() || hits.get(0).score() == null) {
      return Optional.empty();
    }
    return ImageQueries.cosine(hits.get(0).score()) >= threshold
        ? Optional.of(hits.get(0).id())
        : Optional.empty();
  }

  /** Exact cosine of two unit vectors, for images of the same batch (not yet searchable). */
  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
