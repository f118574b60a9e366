package dev.imagesearch.searchapi.info;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.model.ModelDescriptor;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ImageQueries;
import dev.imagesearch.index.IndexErrors;
import dev.imagesearch.searchapi.elastic.Es;
import dev.imagesearch.searchapi.elastic.ServingIndex;
import dev.imagesearch.searchapi.elastic.ServingIndex.Serving;
import dev.imagesearch.searchapi.models.ModelSets;
import dev.imagesearch.searchapi.uploads.IngestPipeline;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** What this service runs on, what the index holds, and how far a model migration is. */
@RestController
class InfoController {
  private static final int MAX_COLLECTIONS = 1000;

  private final ElasticsearchAsyncClient client;
  private final ServingIndex serving;
  private final ModelSets models;
  private final MigrationProgress migration;
  private final IngestPipeline pipeline;

  InfoController(
      ElasticsearchAsyncClient client,
      ServingIndex serving,
      ModelSets models,
      MigrationProgress migration,
      IngestPipeline pipeline) {
    this.client = client;
    this.serving = serving;
    this.models = models;
    this.migration = migration;
    this.pipeline = pipeline;
  }

  record Model(String name, String version, String id, boolean standin) {
    static Model of(ModelDescriptor d) {
      return new Model(d.name(), d.version(), d.id(), d.standin());
    }
  }

  /**
   * @param models the models that encode queries now: the serving index's
   * @param standinModels true when a model has random weights: results mean nothing
   * @param indexed images that can be found
   * @param failed images the worker could not index (never in results)
   * @param pending images uploaded but not yet taken up by a worker, over all uploaders; null when
   *     the ingest-service cannot tell
   * @param serving the index version queries read and its models; null before anything is indexed
   * @param migration the re-embedding into the next index version while it runs, else null
   */
  record Info(
      Map<String, Model> models,
      boolean standinModels,
      long indexed,
      long failed,
      Long pending,
      Serving serving,
      MigrationProgress.Progress migration) {}

  record Collection(String name, long count) {}

  record Collections(List<Collection> collections) {}

  @Operation(
      summary =
          "Models in use, how many images are indexed, failed or pending, the serving index version"
              + " and the progress of a model migration")
  @GetMapping("/api/info")
  Mono<Info> info() {
    return Mono.zip(
            count(ImageIndex.INDEXED),
            count(ImageIndex.FAILED),
            pipeline.pending(),
            serving.current(),
            migration.running())
        .map(
            all -> {
              Serving index = all.getT4();
              EmbeddingModels used =
                  index.exists()
                      ? models.find(index.models()).orElse(models.configured())
                      : models.configured();
              return new Info(
                  Map.of(
                      "vgg16", Model.of(used.vgg16().descriptor()),
                      "clip", Model.of(used.clip().descriptor())),
                  used.standin(),
                  all.getT1(),
                  all.getT2(),
                  all.getT3().orElse(null),
                  index.exists() ? index : null,
                  all.getT5().orElse(null));
            });
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
