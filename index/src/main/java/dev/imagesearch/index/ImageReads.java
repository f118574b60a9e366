package dev.imagesearch.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.core.GetRequest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Reads of one image by id, through the alias or from one index version. */
public final class ImageReads {
  private ImageReads() {}

  /**
   * The image's document, or the part of it that {@code fields} selects ({@code sourceIncludes},
   * {@code sourceExcludes}, {@code realtime}...), read as {@code type}. Empty when the image has no
   * document, also when the index does not exist yet (nothing was ever indexed). Other failures
   * fail the future; the caller bounds it in time.
   */
  public static <T> CompletableFuture<Optional<T>> byId(
      ElasticsearchAsyncClient client,
      String id,
      Class<T> type,
      Function<GetRequest.Builder, GetRequest.Builder> fields) {
    return byId(client, ImageIndex.ALIAS, id, type, fields);
  }

  /** As {@link #byId(ElasticsearchAsyncClient, String, Class, Function)}, from one index. */
  public static <T> CompletableFuture<Optional<T>> byId(
      ElasticsearchAsyncClient client,
      String index,
      String id,
      Class<T> type,
      Function<GetRequest.Builder, GetRequest.Builder> fields) {
    return client
        .get(g -> fields.apply(g.index(index).id(id)), type)
        .thenApply(r -> r.found() ? Optional.ofNullable(r.source()) : Optional.<T>empty())
        .exceptionallyCompose(
            e ->
                IndexErrors.indexMissing(e)
                    ? CompletableFuture.completedFuture(Optional.empty())
                    : CompletableFuture.failedFuture(e));
  }
}
