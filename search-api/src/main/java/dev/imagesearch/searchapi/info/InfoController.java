package dev.imagesearch.searchapi.info;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.model.ModelDescriptor;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ImageQueries;
import dev.imagesearch.index.IndexErrors;
import dev.imagesearch.searchapi.elastic.Es;
import dev.imagesearch.searchapi.uploads.IngestPipeline;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** What this service runs on, and what the index holds. */
@RestController
class InfoController {
  private static final int MAX_COLLECTIONS = 1000;

  private final ElasticsearchAsyncClient client;
  private final EmbeddingModels models;
  private final IngestPipeline pipeline;

  InfoController(ElasticsearchAsyncClient client, EmbeddingModels models, IngestPipeline pipeline) {
    this.client = client;
    this.models = models;
    this.pipeline = pipeline;
  }

  record Model(String name, String version, String id, boolean standin) {
    static Model of(ModelDescriptor d) {
      return new Model(d.name(), d.version(), d.id(), d.standin());
    }
  }

  /**
   * @param standinModels true when a model has random weights: results mean nothing
   * @param indexed images that can be found
   * @param failed images the worker could not index (never in results)
   * @param pending images uploaded but not yet taken up by a worker, over all uploaders; null when
   *     the ingest-service cannot tell
   */
  record Info(
      Map<String, Model> models, boolean standinModels, long indexed, long failed, Long pending) {}

  record Collection(String name, long count) {}

  record Collections(List<Collection> collections) {}

  @Operation(summary = "Models in use and how many images are indexed, failed or pending")
  @GetMapping("/api/info")
  Mono<Info> info() {
    return Mono.zip(count(ImageIndex.INDEXED), count(ImageIndex.FAILED), pipeline.pending())
        .map(
            counts ->
                new Info(
                    Map.of(
                        "vgg16", Model.of(models.vgg16().descriptor()),
                        "clip", Model.of(models.clip().descriptor())),
                    models.standin(),
                    counts.getT1(),
                    counts.getT2(),
                    counts.getT3().orElse(null)));
  }

  @Operation(summary = "Collections of indexed images, with their image counts")
  @GetMapping("/api/collections")
  Mono<Collections> collections() {
    return Es.call(
            () ->
                client.search(
                    s ->
                        s.index(ImageIndex.ALIAS)
                            .size(0)
                            .query(ImageQueries.indexedOnly())
                            .aggregations(
                                "collections",
                                a ->
                                    a.terms(
                                        t -> t.field(ImageIndex.COLLECTION).size(MAX_COLLECTIONS))),
                    Void.class))
        .map(
            r -> {
              List<StringTermsBucket> buckets =
                  r.aggregations().get("collections").sterms().buckets().array();
              return new Collections(
                  buckets.stream()
                      .map(b -> new Collection(b.key().stringValue(), b.docCount()))
                      .toList());
            })
        .onErrorResume(IndexErrors::indexMissing, e -> Mono.just(new Collections(List.of())));
  }

  private Mono<Long> count(String status) {
    return Es.call(
            () ->
                client.count(
                    c ->
                        c.index(ImageIndex.ALIAS)
                            .query(ImageQueries.term(ImageIndex.STATUS, status))))
        .map(r -> r.count())
        .onErrorResume(IndexErrors::indexMissing, e -> Mono.just(0L));
  }
}
