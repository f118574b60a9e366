package dev.imagesearch.imaging;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.tiff.TiffMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.lang.ByteArrayReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The EXIF of an image (orientation, date, camera, GPS), read so that no metadata is ever inflated:
 * only the EXIF segment of a JPEG, a PNG's uncompressed eXIf chunk (its zTXt, iTXt and iCCP chunks,
 * which metadata-extractor would inflate whole, are never touched), the IFDs of a TIFF and the EXIF
 * chunk of a WebP. Each is bounded by the file's own size.
 */
public final class ExifDirectories {
  private ExifDirectories() {}

  /** The image's EXIF directories; empty for formats without EXIF. */
  public static Metadata exif(byte[] data) throws Exception {
    ImageFormat format = FormatSniffer.sniff(data);
    return switch (format) {
      case JPEG ->
          JpegMetadataReader.readMetadata(
              new ByteArrayInputStream(data), List.of(new ExifReader()));
      case PNG -> pngExif(data);
      case TIFF -> TiffMetadataReader.readMetadata(new ByteArrayReader(data));
      case WEBP -> WebpMetadataReader.readMetadata(new ByteArrayInputStream(data));
      case GIF, BMP -> new Metadata();
    };
  }

  /** Walks the chunk headers (length, type) without reading any chunk's data but eXIf's. */
  private static Metadata pngExif(byte[] b) {
    Metadata metadata = new Metadata();
    int at = 8;
    while (at + 8 <= b.length) {
      long length =
          ((b[at] & 0xFFL) << 24)
              | ((b[at + 1] & 0xFF) << 16)
              | ((b[at + 2] & 0xFF) << 8)
              | (b[at + 3] & 0xFF);
      String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
      long data = at + 8L;
      if (data + length > b.length || type.equals("IEND")) {
        break;
      }
      if (type.equals("eXIf")) {
        byte[] exif = new byte[(int) length];
        System.arraycopy(b, (int) data, exif, 0, exif.length);
        new ExifReader().extract(new ByteArrayReader(exif), metadata);
        break;
      }
      at = (int) (data + length + 4); // data, then the CRC
    }
    return metadata;
  }
}
