package dev.imagesearch.index;

/**
 * Names in the image index: the one place services take a field name from. The mapping ({@code
 * images-v1.json}) and {@link ImageDocument} use exactly these names (ImageIndexTest holds all
 * three together).
 */
public final class ImageIndex {
  /**
   * The alias names the SERVING index version, the one queries read. Writers name their concrete
   * version ({@link ImageIndexVersions}), so a new version can fill while the old one serves.
   */
  public static final String ALIAS = "images";

  /** Index versions are {@code images-v1}, {@code images-v2}, ...: one per set of models. */
  public static final String VERSION_PREFIX = "images-v";

  /** The first version, which a fresh install creates behind the alias. */
  public static final String VERSIONED = VERSION_PREFIX + 1;

  /** Every vector the embedding library produces has this many dimensions. */
  public static final int DIMS = 512;

  public static final String ID = "id";

  /** {@link #INDEXED} or {@link #FAILED}. */
  public static final String STATUS = "status";

  public static final String FAILURE_REASON = "failureReason";
  public static final String INDEXED = "indexed";
  public static final String FAILED = "failed";

  /** Unit vectors of {@link #DIMS} dimensions, scored by dot product ({@link ImageQueries}). */
  public static final String VGG16 = "vgg16";

  public static final String CLIP = "clip";

  /** The models that made a document's vectors, as {@code name@version}. */
  public static final String VGG16_MODEL = "vgg16Model";

  public static final String CLIP_MODEL = "clipModel";

  /** A keyword for exact filters; {@link #FILENAME_TEXT} is its analysed twin for word search. */
  public static final String FILENAME = "filename";

  public static final String FILENAME_TEXT = FILENAME + ".text";
  public static final String COLLECTION = "collection";
  public static final String TAGS = "tags";
  public static final String CAPTION = "caption";
  public static final String CONTENT_TYPE = "contentType";
  public static final String WIDTH = "width";
  public static final String HEIGHT = "height";
  public static final String SIZE_BYTES = "sizeBytes";
  public static final String UPLOADED_AT = "uploadedAt";

  /** From the image's EXIF data, when it has them. */
  public static final String TAKEN_AT = "takenAt";

  public static final String CAMERA = "camera";
  public static final String LOCATION = "location";

  /** The original an image nearly duplicates; absent on originals. */
  public static final String DUPLICATE_OF = "duplicateOf";

  public static final String INDEXED_AT = "indexedAt";

  private ImageIndex() {}
}
