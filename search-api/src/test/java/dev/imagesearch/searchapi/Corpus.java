package dev.imagesearch.searchapi;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.searchapi.models.ModelSets;
import dev.imagesearch.searchapi.search.Metric;
import dev.imagesearch.searchapi.search.Sort;
import dev.imagesearch.searchapi.search.VectorMath;
import dev.imagesearch.searchapi.search.VectorModel;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.TestImages;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.context.ApplicationContext;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The images every API test searches: {@value #SIZE} PNGs made in code, embedded with the loaded
 * stand-in models and written to the index as the worker would, plus one failed image. Indexed once
 * per test JVM (all contexts share one Elasticsearch).
 */
public final class Corpus {
  public static final int SIZE = 30;
  public static final Instant UPLOADED = Instant.parse("2024-01-01T00:00:00Z");
  public static final Instant TAKEN = Instant.parse("2023-06-01T00:00:00Z");

  public record Entry(ImageDocument doc, byte[] bytes) {
    public String id() {
      return doc.id();
    }
  }

  private static Corpus instance;

  private final List<Entry> entries;
  private final ImageDocument failed;

  private Corpus(List<Entry> entries, ImageDocument failed) {
    this.entries = entries;
    this.failed = failed;
  }

  public static synchronized Corpus indexedWith(ApplicationContext context) {
    if (instance == null) {
      instance = build(context);
    }
    return instance;
  }

  public List<Entry> entries() {
    return entries;
  }

  public Entry entry(int i) {
    return entries.get(i);
  }

  public ImageDocument failed() {
    return failed;
  }

  /** Ids of indexed images passing {@code filter}, best first, by exact scoring in Java. */
  public List<String> bruteForce(
      VectorModel model, float[] query, Metric metric, Predicate<ImageDocument> filter) {
    Comparator<ImageDocument> order =
        switch (metric) {
          case COSINE -> Comparator.comparingDouble(d -> -VectorMath.dot(query, vector(model, d)));
          case L2 -> Comparator.comparingDouble(d -> VectorMath.l2(query, vector(model, d)));
          case L1 -> Comparator.comparingDouble(d -> VectorMath.l1(query, vector(model, d)));
        };
    return entries.stream()
        .map(Entry::doc)
        .filter(filter)
        .sorted(order.thenComparing(ImageDocument::id))
        .map(ImageDocument::id)
        .toList();
  }

  public static float[] vector(VectorModel model, ImageDocument d) {
    return model == VectorModel.VGG16 ? d.vgg16() : d.clip();
  }

  public ImageDocument doc(String id) {
    return entries.stream()
        .map(Entry::doc)
        .filter(d -> d.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /**
   * The ids in the order of a date sort: newest first, images with no date taken after the others
   * by upload date, then by id.
   */
  public List<String> newestFirst(Collection<String> ids, Sort sort) {
    Comparator<ImageDocument> byUpload =
        Comparator.comparing((ImageDocument d) -> d.facts().uploadedAt()).reversed();
    Comparator<ImageDocument> order =
        sort == Sort.TAKEN
            ? Comparator.comparing(
                    ImageDocument::takenAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(byUpload)
            : byUpload;
    return ids.stream()
        .map(this::doc)
        .sorted(order.thenComparing(ImageDocument::id))
        .map(ImageDocument::id)
        .toList();
  }

  private static Corpus build(ApplicationContext context) {
    EmbeddingModels models = context.getBean(EmbeddingModels.class);
    context.getBean(SearchIndex.class).ensureExists(ModelSets.versions(models));
    ImageDecoder decoder = new ImageDecoder();
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      byte[] png = TestImages.png(1000 + i, 48 + 4 * i, 48);
      RgbImage rgb;
      try {
        rgb = decoder.decode(png);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      entries.add(new Entry(document(i, png, models, rgb, entries), png));
    }
    ImageDocument failed =
        ImageDocument.failed(
            sha256(new byte[] {1, 2, 3}),
            new ImageFacts(
                "broken.png",
                "alpha",
                List.of("even"),
                "a red bicycle that failed",
                "image/png",
                null,
                null,
                3L,
                UPLOADED),
            "not an image");
    write(context.getBean(ElasticsearchAsyncClient.class), entries, failed);
    ImageStore store = context.getBean(ImageStore.class);
    Entry first = entries.getFirst();
    store.putOriginal(first.id(), first.bytes(), "image/png", Map.of()).block();
    context
        .getBean(S3AsyncClient.class)
        .putObject(
            b ->
                b.bucket(store.bucket())
                    .key(ImageStore.thumbnailKey(first.id()))
                    .contentType("image/jpeg"),
            AsyncRequestBody.fromBytes(TestImages.jpeg(7, 32, 32)))
        .join();
    return new Corpus(List.copyOf(entries), failed);
  }

  private static ImageDocument document(
      int i, byte[] png, EmbeddingModels models, RgbImage rgb, List<Entry> before) {
    List<String> tags = new ArrayList<>();
    if (i % 2 == 0) {
      tags.add("even");
    }
    if (i % 5 == 0) {
      tags.add("five");
    }
    String caption = i == 7 ? "a red bicycle by the sea" : "picture number " + i;
    return ImageDocument.indexed(
        sha256(png),
        new ImageFacts(
            "image-" + i + ".png",
            List.of("alpha", "beta", "gamma").get(i % 3),
            tags,
            caption,
            "image/png",
            rgb.width(),
            rgb.height(),
            (long) png.length,
            UPLOADED.plus(i, ChronoUnit.DAYS)),
        models.vgg16().embedImage(rgb),
        models.clip().embedImage(rgb),
        ModelSets.versions(models),
        i % 4 == 0 ? null : TAKEN.plus(i, ChronoUnit.DAYS),
        i % 4 == 0 ? null : "Camera " + (i % 3),
        null,
        i >= SIZE - 3 ? before.get(i - 3).id() : null);
  }

  private static void write(
      ElasticsearchAsyncClient client, List<Entry> entries, ImageDocument failed) {
    BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
    List<ImageDocument> docs = new ArrayList<>(entries.stream().map(Entry::doc).toList());
    docs.add(failed);
    for (ImageDocument doc : docs) {
      bulk.operations(op -> op.index(ix -> ix.index(ImageIndex.ALIAS).id(doc.id()).document(doc)));
    }
    var response = client.bulk(bulk.build()).join();
    if (response.errors()) {
      throw new IllegalStateException("bulk indexing failed: " + response.items());
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
