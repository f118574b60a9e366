package dev.imagesearch.ingestservice.upload;

import dev.imagesearch.imaging.ImageDecodeException;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.ImageInfo;
import dev.imagesearch.web.ReceivedFile;
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

  ImageValidator(IngestProperties properties) {
    this.decoder = new ImageDecoder(properties.maxPixels());
    this.maxFileSize = properties.maxFileSize();
  }

  ImageInfo validate(ReceivedFile file) throws Rejected {
    if (file.tooLarge()) {
      throw new Rejected(
          HttpStatus.CONTENT_TOO_LARGE,
          "The file is larger than the " + maxFileSize.toMegabytes() + " MB limit.");
    }
    if (file.bytes().length == 0) {
      throw new Rejected(HttpStatus.BAD_REQUEST, "The file is empty.");
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
      throw new Rejected(status, e.getMessage());
    }
  }

  /** Why a file was refused, with the status a single-file upload answers. */
  static final class Rejected extends Exception {
    private final HttpStatus status;

    Rejected(HttpStatus status, String reason) {
      super(reason);
      this.status = status;
    }

    HttpStatus status() {
      return status;
    }
  }
}
