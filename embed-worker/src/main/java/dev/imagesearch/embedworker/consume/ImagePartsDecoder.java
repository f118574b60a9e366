package dev.imagesearch.embedworker.consume;

import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedding.EmbeddingModels.Crops;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.embedworker.consume.PermanentFailure.Reasons;
import dev.imagesearch.embedworker.exif.Exif;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import dev.imagesearch.embedworker.thumbnails.Thumbnails;
import dev.imagesearch.imaging.DecodeBudget;
import dev.imagesearch.imaging.ImageDecodeException;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decodes an original within the decode budget and keeps only its {@link ImageParts}: the models'
 * crops, the thumbnail, the size, the EXIF. The full image never outlives its reservation.
 */
@Component
class ImagePartsDecoder {
  private static final Logger log = LoggerFactory.getLogger(ImagePartsDecoder.class);

  private final EmbeddingModels models;
  private final ImageDecoder decoder;
  private final DecodeBudget budget;
  private final Duration budgetWait;
  private final Thumbnails thumbnails;
  private final WorkerMetrics metrics;

  ImagePartsDecoder(EmbeddingModels models, WorkerProperties properties, WorkerMetrics metrics) {
    this.models = models;
    this.decoder = new ImageDecoder(properties.maxPixels());
    this.budget = DecodeBudget.ofHeap(properties.decodeBudget());
    this.budgetWait = properties.decodeWait();
    this.thumbnails = new Thumbnails(properties.thumbnailSize());
    this.metrics = metrics;
    if (budget.bytes() < decoder.maxDecodeBytes()) {
      log.warn(
          "The decode budget ({} MB, imagesearch.worker.decode-budget={} of the heap) is smaller"
              + " than the costliest image the ingest-service accepts ({} MB): such images run"
              + " alone and may run out of memory. Give the worker a larger heap (-Xmx).",
          budget.bytes() >> 20,
          properties.decodeBudget(),
          decoder.maxDecodeBytes() >> 20);
    }
  }

  /** The whole decode budget in bytes. */
  long budgetBytes() {
    return budget.bytes();
  }

  /**
   * Decodes within a budget reservation and keeps only what later steps need. Runs synchronously on
   * a decode thread, so the reservation is always given back. Any Throwable of this image's own
   * work (an OutOfMemoryError, a StackOverflowError in a decoder) fails this image alone: Reactor
   * never delivers JVM Errors as signals, so one escaping here would leave the batch waiting
   * forever.
   */
  ImageParts decode(byte[] bytes) {
    try {
      long decodeStart = System.nanoTime();
      return budget.decode(
          decoder,
          bytes,
          budgetWait,
          image -> {
            long start = System.nanoTime();
            metrics.stage("decode").record(start - decodeStart, TimeUnit.NANOSECONDS);
            Crops crops = models.crops(image);
            byte[] thumbnail = thumbnail(image);
            Exif exif = Exif.read(bytes);
            metrics.stage("thumbnail").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return new ImageParts(crops, thumbnail, image.width(), image.height(), exif);
          });
    } catch (ImageDecodeException e) {
      throw new PermanentFailure(e.reason().name(), e.getMessage(), e);
    } catch (DecodeBudget.Exhausted e) {
      throw new IllegalStateException(e.getMessage(), e); // transient: the batch is retried
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the decode budget", e);
    } catch (PermanentFailure e) {
      throw e;
    } catch (RuntimeException | Error e) {
      log.warn("Processing an image failed: {}", e.toString(), e);
      throw new PermanentFailure(
          Reasons.PROCESSING_ERROR, "processing the image failed with " + e, e);
    }
  }

  private byte[] thumbnail(RgbImage image) {
    try {
      return thumbnails.jpeg(image);
    } catch (RuntimeException e) {
      // Pure computation on an image that decoded: it would fail the same way on every retry.
      throw new PermanentFailure(Reasons.THUMBNAIL_FAILED, e.toString(), e);
    }
  }
}
