package dev.imagesearch.searchapi.images;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ImageReads;
import dev.imagesearch.searchapi.elastic.Es;
import dev.imagesearch.searchapi.web.ReadAccessProperties;
import dev.imagesearch.storage.ImageStore;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One image: its metadata from the index, its bytes streamed from S3. */
@RestController
class ImageController {
  private final ElasticsearchAsyncClient client;
  private final ImageObjects objects;
  private final Presigned presigned;
  private final String cacheControl;

  ImageController(
      ElasticsearchAsyncClient client,
      ImageObjects objects,
      Presigned presigned,
      ReadAccessProperties access) {
    this.client = client;
    this.objects = objects;
    this.presigned = presigned;
    // Ids are content hashes: the bytes behind an id never change, so caches may keep them.
    // With a read key, only the browser may cache, never a shared proxy.
    this.cacheControl = (access.enabled() ? "private" : "public") + ", max-age=31536000, immutable";
  }

  @Operation(summary = "An image's metadata, EXIF fields included")
  @GetMapping("/api/images/{id}")
  Mono<ImageMetadata> metadata(@PathVariable String id) {
    String imageId = ImageId.parse(id).hex();
    return Es.call(
            () ->
                ImageReads.byId(
                    client,
                    imageId,
                    ImageDocument.class,
                    g -> g.sourceExcludes(ImageIndex.VGG16, ImageIndex.CLIP)))
        .flatMap(Mono::justOrEmpty)
        .map(document -> ImageMetadata.of(imageId, document))
        .switchIfEmpty(Mono.error(notFound("No image " + imageId + " in the index.")));
  }

  @Operation(summary = "The image's JPEG thumbnail")
  @GetMapping("/api/images/{id}/thumbnail")
  Mono<ResponseEntity<Flux<DataBuffer>>> thumbnail(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    String imageId = ImageId.parse(id).hex();
    if (presigned.enabled()) {
      return redirect(ImageStore.thumbnailKey(imageId));
    }
    return respond(
        objects.thumbnail(imageId, ifNoneMatch), "No thumbnail for " + imageId + " (yet).");
  }

  @Operation(summary = "The original image as uploaded")
  @GetMapping("/api/images/{id}/content")
  Mono<ResponseEntity<Flux<DataBuffer>>> content(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    String imageId = ImageId.parse(id).hex();
    if (presigned.enabled()) {
      return redirect(ImageStore.originalKey(imageId));
    }
    return respond(objects.original(imageId, ifNoneMatch), "No image " + imageId + ".");
  }

  /** The browser fetches from S3 directly; it may reuse the redirect while the URL is valid. */
  private Mono<ResponseEntity<Flux<DataBuffer>>> redirect(String key) {
    return Mono.fromSupplier(
        () ->
            ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT)
                .location(presigned.url(key))
                .cacheControl(
                    CacheControl.maxAge(Duration.ofSeconds(presigned.ttlSeconds() / 2))
                        .cachePrivate())
                .<Flux<DataBuffer>>build());
  }

  private Mono<ResponseEntity<Flux<DataBuffer>>> respond(
      Mono<ImageObjects.Streamed> object, String missing) {
    return object
        .map(
            o -> {
              HttpHeaders headers = new HttpHeaders();
              headers.setCacheControl(cacheControl);
              if (o.eTag() != null) {
                headers.setETag(o.eTag());
              }
              if (o.notModified()) {
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .headers(headers)
                    .<Flux<DataBuffer>>build();
              }
              headers.setContentType(
                  o.contentType() == null
                      ? MediaType.APPLICATION_OCTET_STREAM
                      : MediaType.parseMediaType(o.contentType()));
              if (o.contentLength() != null) {
                headers.setContentLength(o.contentLength());
              }
              Flux<DataBuffer> body = Flux.from(o.body()).map(ImageController::wrap);
              return ResponseEntity.ok().headers(headers).body(body);
            })
        .switchIfEmpty(Mono.error(notFound(missing)));
  }

  private static DataBuffer wrap(ByteBuffer buffer) {
    return DefaultDataBufferFactory.sharedInstance.wrap(buffer);
  }

  private static ResponseStatusException notFound(String reason) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, reason);
  }
}
