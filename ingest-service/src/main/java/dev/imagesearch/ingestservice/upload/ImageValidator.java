package dev.imagesearch.ingestservice.upload;

import dev.imagesearch.imaging.ImageDecodeException;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.ImageInfo;
import dev.imagesearch.web.ReceivedFile;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Decides from the bytes alone, never from the client's content type or file name, whether an
 * upload is an image we take. Only the header is read.
 */
@Component
class ImageValidator {
  private final ImageDecoder decoder;
  private final DataSize maxFileSize;
  private final UploadMetrics metrics;

  ImageValidator(IngestProperties properties, UploadMetrics metrics) {
    this.decoder = new ImageDecoder(properties.maxPixels());
    this.maxFileSize = properties.maxFileSize();
    this.metrics = metrics;
  }

  /** Counts each refusal here, where it is decided, by its code. */
  ImageInfo validate(ReceivedFile file) throws Rejected {
    try {
      return check(file);
    } catch (Rejected e) {
      metrics.rejected(e.code());
      throw e;
    }
  }

  private ImageInfo check(ReceivedFile file) throws Rejected {
    if (file.tooLarge()) {
      throw new Rejected(
          HttpStatus.CONTENT_TOO_LARGE,
          "too_large",
          "The file is larger than the " + maxFileSize.toMegabytes() + " MB limit.");
    }
    if (file.bytes().length == 0) {
      throw new Rejected(HttpStatus.BAD_REQUEST, "empty", "The file is empty.");
    }
    try {
      return decoder.probe(file.bytes());
    } catch (ImageDecodeException e) {
      HttpStatus status =
          switch (e.reason()) {
            case NOT_AN_IMAGE, UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case TRUNCATED, CORRUPT, ZERO_SIZED, TOO_MANY_PIXELS ->
                HttpStatus.UNPROCESSABLE_CONTENT;
          };
      throw new Rejected(status, e.reason().name().toLowerCase(Locale.ROOT), e.getMessage());
    }
  }

  /**
   * Why a file was refused, with the status a single-file upload answers; {@code code} is the
   * reason as one word from a fixed set, for the metrics.
   */
  static final class Rejected extends Exception {
    private final HttpStatus status;
    private final String code;

    Rejected(HttpStatus status, String code, String reason) {
      super(reason);
      this.status = status;
      this.code = code;
    }

    HttpStatus status() {
      return status;
    }

    String code() {
      return code;
    }
  }
}
