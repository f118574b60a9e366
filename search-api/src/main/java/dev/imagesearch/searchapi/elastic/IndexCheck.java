package dev.imagesearch.searchapi.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.IndexMismatchException;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.SearchIndex;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * At start: when the index exists, it must hold vectors of the loaded models, otherwise every
 * similarity would be meaningless and the service refuses to start ({@link
 * IndexMismatchException}). A missing index is fine (nothing indexed yet: empty results), and so is
 * an unreachable cluster (requests answer 503 until it is back).
 */
@Component
class IndexCheck {
  private static final Logger log = LoggerFactory.getLogger(IndexCheck.class);

  IndexCheck(SearchIndex index, ElasticsearchAsyncClient client, ModelVersions models) {
    check(index, client, models);
  }

  static void check(SearchIndex index, ElasticsearchAsyncClient client, ModelVersions models) {
    boolean exists;
    try {
      exists =
          client
              .indices()
              .existsAlias(a -> a.name(ImageIndex.ALIAS))
              .get(10, TimeUnit.SECONDS)
              .value();
    } catch (ExecutionException | TimeoutException e) {
      log.warn(
          "Elasticsearch is not reachable ({}); starting anyway, searches answer 503 until it is."
              + " The index is not verified against the models.",
          e.getCause() == null ? e.toString() : e.getCause().toString());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the index", e);
    }
    if (!exists) {
      log.info(
          "The index alias '{}' does not exist yet: searches answer no hits.", ImageIndex.ALIAS);
      return;
    }
    index.verify(models);
    log.info("Index '{}' matches models {}", ImageIndex.ALIAS, models);
  }
}
