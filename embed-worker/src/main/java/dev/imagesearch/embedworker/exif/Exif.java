package dev.imagesearch.embedworker.exif;

import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import dev.imagesearch.imaging.ExifDirectories;
import dev.imagesearch.index.ImageDocument.GeoPoint;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What EXIF says about a photo, each part null when absent.
 *
 * @param takenAt DateTimeOriginal; EXIF has no time zone, so it is read as UTC
 * @param camera "make model", without repeating a make the model already names
 */
public record Exif(Instant takenAt, String camera, GeoPoint location) {
  private static final Logger log = LoggerFactory.getLogger(Exif.class);
  static final Exif NONE = new Exif(null, null, null);

  /**
   * Never fails: metadata is optional, so unreadable metadata is just absent. Read with {@link
   * ExifDirectories}, which never inflates compressed metadata.
   */
  public static Exif read(byte[] image) {
    Metadata metadata;
    try {
      metadata = ExifDirectories.exif(image);
    } catch (Exception | StackOverflowError e) {
      log.debug("No readable metadata: {}", e.toString());
      return NONE;
    }
    return new Exif(takenAt(metadata), camera(metadata), location(metadata));
  }

  private static Instant takenAt(Metadata metadata) {
    ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
    Date date = sub == null ? null : sub.getDateOriginal(TimeZone.getTimeZone("UTC"));
    return date == null ? null : date.toInstant();
  }

  static String camera(Metadata metadata) {
    ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
    if (ifd0 == null) {
      return null;
    }
    return camera(
        ifd0.getString(ExifIFD0Directory.TAG_MAKE), ifd0.getString(ExifIFD0Directory.TAG_MODEL));
  }

  static String camera(String make, String model) {
    make = make == null ? "" : make.trim();
    model = model == null ? "" : model.trim();
    if (model.toLowerCase().startsWith(make.toLowerCase())) {
      make = "";
    }
    String camera = (make + " " + model).trim();
    return camera.isEmpty() ? null : camera;
  }

  private static GeoPoint location(Metadata metadata) {
    GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
    GeoLocation where = gps == null ? null : gps.getGeoLocation();
    if (where == null
        || where.isZero()
        || Math.abs(where.getLatitude()) > 90
        || Math.abs(where.getLongitude()) > 180) {
      return null;
    }
    return new GeoPoint(where.getLatitude(), where.getLongitude());
  }
}
