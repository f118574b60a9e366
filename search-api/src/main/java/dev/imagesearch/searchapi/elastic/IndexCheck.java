package dev.imagesearch.searchapi.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.IndexMismatchException;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.searchapi.models.ModelSets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * At start: when the index exists, the version that serves must hold vectors of one of the loaded
 * model sets (the configured or the previous one), otherwise every similarity would be meaningless
 * and the service refuses to start ({@link IndexMismatchException}). A missing index is fine
 * (nothing indexed yet: empty results), and so is an unreachable cluster (requests answer 503 until
 * it is back).
 */
@Component
class IndexCheck {
  private static final Logger log = LoggerFactory.getLogger(IndexCheck.class);

  IndexCheck(SearchIndex index, ElasticsearchAsyncClient client, ModelSets models) {
    check(index, client, models.loaded());
  }

  static void check(
      SearchIndex index, ElasticsearchAsyncClient client, List<ModelVersions> loaded) {
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
    IndexMismatchException refused = null;
    for (ModelVersions models : loaded) {
      try {
        index.verify(models);
        log.info("Index '{}' matches models {}", ImageIndex.ALIAS, models);
        return;
      } catch (IndexMismatchException e) {
        refused = refused == null ? e : refused;
      }
    }
    if (loaded.size() > 1) {
      // The first refusal is the configured models'; the others' would say the same.
      throw new IndexMismatchException(
          refused.getMessage()
              + " The previous models "
              + loaded.subList(1, loaded.size())
              + " do not fit it either (imagesearch.models.previous.*).");
    }
    throw refused;
  }
}
