package dev.imagesearch.imaging;

/** The image formats the decoder accepts, with the ImageIO format name and the media type. */
public enum ImageFormat {
  JPEG("jpeg", "image/jpeg"),
  PNG("png", "image/png"),
  WEBP("webp", "image/webp"),
  GIF("gif", "image/gif"),
  BMP("bmp", "image/bmp"),
  TIFF("tiff", "image/tiff");

  private final String imageIoName;
  private final String mediaType;

  ImageFormat(String imageIoName, String mediaType) {
    this.imageIoName = imageIoName;
    this.mediaType = mediaType;
  }

  String imageIoName() {
    return imageIoName;
  }

  /** The IANA media type, for example {@code image/jpeg}. */
  public String mediaType() {
    return mediaType;
  }
}
