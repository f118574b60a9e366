package dev.imagesearch.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import java.io.StringReader;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The bookkeeping indices beside the image index: one shard each, created on first use. */
final class SmallIndex {
  private SmallIndex() {}

  /** Creates the index unless it exists; another process creating it at once is fine. */
  static void ensureExists(
      ElasticsearchAsyncClient client, String index, String mapping, int replicas, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    long millis = timeout.toMillis();
    if (client.indices().exists(e -> e.index(index)).get(millis, TimeUnit.MILLISECONDS).value()) {
      return;
    }
    try {
      client
          .indices()
          .create(
              c ->
                  c.index(index)
                      .withJson(new StringReader(mapping))
                      .settings(s -> s.numberOfShards("1").numberOfReplicas("" + replicas)))
          .get(millis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!IndexErrors.alreadyExists(e)) {
        throw e;
      }
    }
  }
}
