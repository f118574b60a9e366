package dev.imagesearch.searchapi.search;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.searchapi.elastic.Es;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Fetches the documents of one page of ranked ids (rankings carry ids and scores only). */
@Component
class Hydrator {
  private final ElasticsearchAsyncClient client;

  Hydrator(ElasticsearchAsyncClient client) {
    this.client = client;
  }

  /**
   * @param index the concrete index version the ids were ranked in
   * @param withClip also return the CLIP vector (hybrid hits found by words need their cosine)
   */
  Mono<Map<String, ImageDocument>> fetch(String index, List<String> ids, boolean withClip) {
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    return Es.call(
            () ->
                client.search(
                    s ->
                        s.index(index)
                            .query(q -> q.ids(i -> i.values(ids)))
                            .size(ids.size())
                            .source(
                                src ->
                                    src.filter(
                                        f ->
                                            withClip
                                                ? f.excludes(ImageIndex.VGG16).excludeVectors(false)
                                                : f.excludes(ImageIndex.VGG16, ImageIndex.CLIP))),
                    ImageDocument.class))
        .map(
            response -> {
              Map<String, ImageDocument> byId = new HashMap<>();
              for (var hit : response.hits().hits()) {
                if (hit.source() != null) {
                  byId.put(hit.id(), hit.source());
                }
              }
              return byId;
            });
  }
}
