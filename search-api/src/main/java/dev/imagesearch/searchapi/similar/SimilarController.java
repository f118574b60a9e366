package dev.imagesearch.searchapi.similar;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.index.ImageReads;
import dev.imagesearch.searchapi.elastic.Es;
import dev.imagesearch.searchapi.elastic.ServingIndex;
import dev.imagesearch.searchapi.search.Metric;
import dev.imagesearch.searchapi.search.Params;
import dev.imagesearch.searchapi.search.QueryMetrics;
import dev.imagesearch.searchapi.search.ResultPage;
import dev.imagesearch.searchapi.search.SearchProperties;
import dev.imagesearch.searchapi.search.VectorModel;
import dev.imagesearch.searchapi.search.VectorQuery;
import dev.imagesearch.searchapi.search.VectorSearch;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** "More like this": the image's stored vector is the query, so no inference runs. */
@RestController
class SimilarController {
  private final ElasticsearchAsyncClient client;
  private final ServingIndex serving;
  private final VectorSearch vectors;
  private final SearchProperties properties;
  private final QueryMetrics metrics;

  SimilarController(
      ElasticsearchAsyncClient client,
      ServingIndex serving,
      VectorSearch vectors,
      SearchProperties properties,
      QueryMetrics metrics) {
    this.client = client;
    this.serving = serving;
    this.vectors = vectors;
    this.properties = properties;
    this.metrics = metrics;
  }

  @Operation(
      summary = "Images similar to an indexed image",
      description =
          "model=vgg16 (default) or clip, metric=cosine|l2|l1, k, pageToken, sort and the filters"
              + " of GET /api/search. The image itself is left out.")
  @GetMapping("/api/images/{id}/similar")
  Mono<ResultPage> similar(
      @PathVariable String id,
      @RequestParam(required = false) String model,
      @RequestParam(required = false) String metric,
      @RequestParam MultiValueMap<String, String> all) {
    String imageId = ImageId.parse(id).hex();
    Params params = new Params(all);
    VectorModel vectorModel = VectorModel.parse(model, VectorModel.VGG16);
    Metric chosen = Metric.parse(metric);
    int k = params.integer("k", properties.defaultK(), 1, properties.maxK());
    var filters = params.filters();
    String token = params.text("pageToken");
    // The stored vector and the search come from one index version: one model's vectors.
    Mono<ResultPage> page =
        serving
            .current()
            .flatMap(
                index ->
                    Es.call(
                            () ->
                                ImageReads.byId(
                                    client,
                                    index.index(),
                                    imageId,
                                    VectorModel.StoredVectors.class,
                                    g ->
                                        g.sourceIncludes(vectorModel.field())
                                            .sourceExcludeVectors(false)))
                        .flatMap(stored -> Mono.justOrEmpty(stored.map(vectorModel::of)))
                        .map(
                            vector ->
                                new VectorQuery(
                                    index.index(),
                                    vectorModel,
                                    vector,
                                    chosen,
                                    k,
                                    filters,
                                    token,
                                    "similar=" + imageId,
                                    imageId,
                                    params.sort())))
            .switchIfEmpty(
                Mono.error(
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND,
                        "No indexed image " + imageId + " (unknown, not indexed yet, or failed).")))
            .flatMap(vectors::search);
    return metrics.time(QueryMetrics.Kind.SIMILAR, false, vectorModel, page);
  }
}
