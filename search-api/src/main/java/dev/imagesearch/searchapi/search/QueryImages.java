package dev.imagesearch.searchapi.search;

import dev.imagesearch.imaging.DecodeBudget;
import dev.imagesearch.imaging.ImageDecodeException;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import dev.imagesearch.web.ImageRejections;
import dev.imagesearch.web.ReceivedFile;
import dev.imagesearch.web.ServiceUnavailable;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Decodes query images with the same rules and answers as ingest: 413 too large, 415 not an image
 * or an unsupported format, 422 truncated, corrupt, zero-sized or too many pixels. Decided from the
 * bytes, never from the client's content type.
 *
 * <p>Memory is bounded: each image reserves its decode cost (from the header) in this service's
 * {@link DecodeBudget} first. An image that would cost more than the whole budget is 422; one that
 * cannot get its share in time is 503 with Retry-After.
 */
@Component
class QueryImages {
  private final ImageDecoder decoder;
  private final DecodeBudget budget;
  private final SearchProperties properties;

  QueryImages(SearchProperties properties) {
    this.properties = properties;
    this.budget = DecodeBudget.ofHeap(properties.decodeBudget());
    this.decoder =
        new ImageDecoder(
            properties.maxPixels(),
            Math.min(budget.bytes(), ImageDecoder.DEFAULT_MAX_DECODE_BYTES));
  }

  DecodeBudget budget() {
    return budget;
  }

  /**
   * Decodes the image within the budget and hands it to {@code use}, which derives what the query
   * needs (a model's small crop); the full image and its reservation go when {@code use} returns.
   * Runs on the inference pool: decoding is CPU work.
   */
  <T> T decode(ReceivedFile image, Function<RgbImage, T> use) {
    if (image.tooLarge()) {
      throw new ResponseStatusException(
          HttpStatus.CONTENT_TOO_LARGE,
          "The image is larger than the " + properties.maxImageSize().toMegabytes() + " MB limit.");
    }
    if (image.bytes().length == 0) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The image is empty.");
    }
    try {
      return budget.decode(decoder, image.bytes(), properties.decodeWait(), use);
    } catch (ImageDecodeException e) {
      throw ImageRejections.of(e);
    } catch (DecodeBudget.Exhausted e) {
      throw new ServiceUnavailable(
          "Other query images are being decoded; retry in a few seconds. " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailable("Decoding the image was cancelled; retry shortly.", e);
    }
  }
}
