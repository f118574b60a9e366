package dev.imagesearch.searchapi.search;

import dev.imagesearch.imaging.ImageDecodeException;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import dev.imagesearch.web.ImageRejections;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Decodes query images with the same rules and answers as ingest: 413 too large, 415 not an image
 * or an unsupported format, 422 truncated, corrupt, zero-sized or too many pixels. Decided from the
 * bytes, never from the client's content type.
 */
@Component
class QueryImages {
  private final ImageDecoder decoder;
  private final SearchProperties properties;

  QueryImages(SearchProperties properties) {
    this.properties = properties;
    this.decoder = new ImageDecoder(properties.maxPixels());
  }

  /** Runs on the inference pool: decoding is CPU work. */
  RgbImage decode(QueryForm.ReceivedImage image) {
    if (image.tooLarge()) {
      throw new ResponseStatusException(
          HttpStatus.CONTENT_TOO_LARGE,
          "The image is larger than the " + properties.maxImageSize().toMegabytes() + " MB limit.");
    }
    if (image.bytes().length == 0) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The image is empty.");
    }
    try {
      decoder.probe(image.bytes());
      return decoder.decode(image.bytes());
    } catch (ImageDecodeException e) {
      throw ImageRejections.of(e);
    }
  }
}
