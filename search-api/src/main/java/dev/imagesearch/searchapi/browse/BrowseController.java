package dev.imagesearch.searchapi.browse;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.IndexErrors;
import dev.imagesearch.searchapi.elastic.Es;
import dev.imagesearch.searchapi.elastic.ServingIndex;
import dev.imagesearch.searchapi.search.Filters;
import dev.imagesearch.searchapi.search.Params;
import dev.imagesearch.searchapi.search.SearchProperties;
import dev.imagesearch.searchapi.search.Sort;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The collection without a query: what the page shows before anything is typed. */
@RestController
class BrowseController {
  private final ElasticsearchAsyncClient client;
  private final ServingIndex serving;
  private final SearchProperties properties;

  BrowseController(
      ElasticsearchAsyncClient client, ServingIndex serving, SearchProperties properties) {
    this.client = client;
    this.serving = serving;
    this.properties = properties;
  }

  @Operation(
      summary = "List images, newest first",
      description =
          "sort=uploaded (default; relevance means the same here) or taken (images with no date"
              + " taken come last), k, pageToken and the filters of GET /api/search.")
  // The named parameters are read from `all` too; they are declared for the OpenAPI document.
  @GetMapping("/api/images")
  Mono<BrowsePage> list(
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String k,
      @RequestParam(required = false) String pageToken,
      @RequestParam MultiValueMap<String, String> all) {
    Params params = new Params(all);
    Sort order = params.sort() == Sort.TAKEN ? Sort.TAKEN : Sort.UPLOADED;
    int size = params.integer("k", properties.defaultK(), 1, properties.maxK());
    Filters filters = params.filters();
    BrowseCursor cursor = BrowseCursor.decode(params.text("pageToken"), order);
    // One image more than the page shows tells whether there is a next page.
    return serving
        .current()
        .flatMap(
            index ->
                Es.call(
                    () ->
                        client.search(
                            s -> {
                              s.index(index.index())
                                  .query(q -> q.bool(b -> b.filter(filters.queries())))
                                  .sort(order.clauses())
                                  .size(size + 1)
                                  .source(
                                      src ->
                                          src.filter(
                                              f -> f.excludes(ImageIndex.VGG16, ImageIndex.CLIP)));
                              if (cursor != null) {
                                s.searchAfter(cursor.after());
                              }
                              return s;
                            },
                            ImageDocument.class)))
        .map(
            response -> {
              var found = response.hits().hits();
              List<BrowsePage.Listed> hits = new ArrayList<>();
              for (var hit : found.subList(0, Math.min(size, found.size()))) {
                if (hit.source() != null) {
                  hits.add(BrowsePage.Listed.of(hit.id(), hit.source()));
                }
              }
              String next =
                  found.size() > size
                      ? new BrowseCursor(order, found.get(size - 1).sort()).encode()
                      : null;
              return new BrowsePage(hits, next, order.label());
            })
        .onErrorResume(
            IndexErrors::indexMissing,
            e -> Mono.just(new BrowsePage(List.of(), null, order.label())));
  }
}
