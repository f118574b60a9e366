package dev.imagesearch.searchapi.search;

import dev.imagesearch.searchapi.elastic.ServingIndex;
import dev.imagesearch.searchapi.web.BadRequest;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Text, image and combined queries. Common parameters: {@code k}, {@code pageToken}, {@code metric}
 * and the filters of {@link Params#filters()}.
 */
@RestController
class SearchController {
  private final SearchProperties properties;
  private final ServingIndex serving;
  private final QueryEncoder encoder;
  private final VectorSearch vectors;
  private final HybridSearch hybrid;
  private final QueryMetrics metrics;
  private final TextRouter router;

  SearchController(
      SearchProperties properties,
      ServingIndex serving,
      QueryEncoder encoder,
      VectorSearch vectors,
      HybridSearch hybrid,
      QueryMetrics metrics,
      TextRouter router) {
    this.properties = properties;
    this.serving = serving;
    this.encoder = encoder;
    this.vectors = vectors;
    this.hybrid = hybrid;
    this.metrics = metrics;
    this.router = router;
  }

  @Operation(
      summary = "Search by text",
      description =
          "CLIP text vector against the images' CLIP vectors; mode=hybrid (default) also matches"
              + " caption, tags and file name and fuses both rankings by reciprocal rank fusion."
              + " Filters: collection, tags, tagsMatch=any|all, contentType, uploadedFrom,"
              + " uploadedTo, takenFrom, takenTo, minWidth, hideDuplicates. sort=relevance (default),"
              + " taken or uploaded: a date sort lists the hits above the query's relevance cutoff,"
              + " newest first. textModel=clip|multilingual|auto encodes q with CLIP's text tower,"
              + " the multilingual encoder, or by the text's language (English: clip); the"
              + " answer's textModel says which.")
  // The named parameters are read from `all` too; they are declared for the OpenAPI document.
  @GetMapping("/api/search")
  Mono<ResultPage> text(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String mode,
      @RequestParam(required = false) String metric,
      @RequestParam(required = false) String k,
      @RequestParam(required = false) String pageToken,
      @RequestParam MultiValueMap<String, String> all) {
    Params params = new Params(all);
    String text = text(params, "q");
    if (text == null) {
      throw new BadRequest("q is required: the text to search for.");
    }
    if (VectorModel.parse(params.text("model"), VectorModel.CLIP) != VectorModel.CLIP) {
      throw new BadRequest("Text queries search CLIP vectors; leave out model or use model=clip.");
    }
    TextModel textModel = router.resolve(params.text("textModel"), text, null);
    return run(
        params, new QueryEncoder.Parts(text, null, null, 1, 0, 0, textModel), VectorModel.CLIP);
  }

  @Operation(
      summary = "Search by image, or by image and text combined",
      description =
          "Multipart: an 'image' file part and/or fields q, negative, textWeight, imageWeight,"
              + " negativeWeight, model=vgg16|clip, metric=cosine|l2|l1, k, pageToken, sort and the"
              + " filters of GET /api/search. Texts are combined with the image in CLIP space,"
              + " encoded as textModel (clip|multilingual|auto) says.")
  @PostMapping(path = "/api/search", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Mono<ResultPage> image(
      @RequestBody Flux<PartEvent> parts, @RequestParam MultiValueMap<String, String> query) {
    return QueryForm.read(parts, properties.maxImageSize().toBytes())
        .flatMap(
            form -> {
              MultiValueMap<String, String> merged = new LinkedMultiValueMap<>(query);
              merged.putAll(form.fields());
              Params params = new Params(merged);
              String text = text(params, "q");
              String negative = text(params, "negative");
              if (text == null && form.image() == null) {
                throw new BadRequest("Send an 'image' part, a q field, or both.");
              }
              boolean textual = text != null || negative != null;
              TextModel textModel = router.resolve(params.text("textModel"), text, negative);
              VectorModel model =
                  VectorModel.parse(
                      params.text("model"), textual ? VectorModel.CLIP : VectorModel.VGG16);
              if (textual && model != VectorModel.CLIP) {
                throw new BadRequest(
                    "Texts and images combine only in CLIP space; use model=clip or no model.");
              }
              var request =
                  new QueryEncoder.Parts(
                      text,
                      form.image(),
                      negative,
                      params.number("textWeight", 1, 0, 10),
                      params.number("imageWeight", 1, 0, 10),
                      params.number("negativeWeight", 0.5, 0, 10),
                      textModel);
              return run(params, request, model);
            });
  }

  private Mono<ResultPage> run(Params params, QueryEncoder.Parts parts, VectorModel model) {
    Metric metric = Metric.parse(params.text("metric"));
    int k = params.integer("k", properties.defaultK(), 1, properties.maxK());
    Filters filters = params.filters();
    boolean textOnly = parts.image() == null && parts.negative() == null;
    boolean hybridMode = mode(params.text("mode")) && textOnly;
    String token = params.text("pageToken");
    Mono<ResultPage> page =
        metrics.time(
            kind(parts),
            hybridMode,
            model,
            serving
                .current()
                .flatMap(
                    index ->
                        (textOnly
                                ? encoder.text(parts.text(), parts.textModel(), index)
                                : encoder.encode(parts, model, index))
                            .flatMap(
                                v -> {
                                  var query =
                                      new VectorQuery(
                                          index.index(),
                                          model,
                                          v,
                                          metric,
                                          k,
                                          filters,
                                          token,
                                          parts.describe(),
                                          null,
                                          params.sort());
                                  return hybridMode
                                      ? hybrid.search(query, parts.text())
                                      : vectors.search(query);
                                })));
    return page.map(p -> p.withTextModel(parts.textModel()));
  }

  private static QueryMetrics.Kind kind(QueryEncoder.Parts parts) {
    if (parts.image() == null) {
      return QueryMetrics.Kind.TEXT;
    }
    return parts.text() == null && parts.negative() == null
        ? QueryMetrics.Kind.IMAGE
        : QueryMetrics.Kind.COMBINED;
  }

  /** True for hybrid, the default of text queries. */
  private static boolean mode(String mode) {
    if (mode == null) {
      return true;
    }
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "hybrid" -> true;
      case "semantic" -> false;
      default -> throw new BadRequest("Unknown mode '" + mode + "'; use semantic or hybrid.");
    };
  }

  private String text(Params params, String name) {
    String raw = params.present(name);
    if (raw == null) {
      return null;
    }
    if (raw.isBlank()) {
      throw new BadRequest(name + " is empty.");
    }
    if (raw.length() > properties.maxQueryLength()) {
      throw new BadRequest(
          name + " is longer than " + properties.maxQueryLength() + " characters.");
    }
    return raw.strip();
  }
}
