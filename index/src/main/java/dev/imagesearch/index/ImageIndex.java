package dev.imagesearch.index;

/** Names in the image index that more than one service relies on. */
public final class ImageIndex {
  /** Services read and write through the alias, so a new index version can replace the old one. */
  public static final String ALIAS = "images";

  /** The index this build creates; a change of models or mapping means a new version. */
  public static final String VERSIONED = "images-v1";

  /** Every vector the embedding library produces has this many dimensions. */
  public static final int DIMS = 512;

  public static final String VGG16 = "vgg16";
  public static final String CLIP = "clip";
  public static final String VGG16_MODEL = "vgg16Model";
  public static final String CLIP_MODEL = "clipModel";

  /** {@link #INDEXED} or {@link #FAILED}. */
  public static final String STATUS = "status";

  public static final String FAILURE_REASON = "failureReason";
  public static final String INDEXED = "indexed";
  public static final String FAILED = "failed";

  private ImageIndex() {}
}
