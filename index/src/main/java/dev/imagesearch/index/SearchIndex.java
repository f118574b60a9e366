package dev.imagesearch.index;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.get_mapping.IndexMappingRecord;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import dev.imagesearch.index.migration.Migrations;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Owns the Elasticsearch client and the image index mapping: creates the versioned index behind its
 * alias, and checks at start that the index on the cluster fits the loaded models.
 */
public final class SearchIndex implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ElasticsearchTransport transport;
  private final ElasticsearchClient blocking;
  private final ElasticsearchAsyncClient async;
  private final IndexProperties properties;

  private SearchIndex(ElasticsearchAsyncClient async, IndexProperties properties) {
    this.async = async;
    this.transport = async._transport();
    this.blocking = new ElasticsearchClient(transport);
    this.properties = properties;
  }

  public static SearchIndex connect(IndexProperties properties) {
    ElasticsearchAsyncClient client =
        ElasticsearchAsyncClient.of(
            b -> {
              b.host(properties.url().toString()).jsonMapper(new Jackson3JsonpMapper());
              if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
                b.apiKey(properties.apiKey());
              }
              return b;
            });
    return new SearchIndex(client, properties);
  }

  /** For reactive code: wrap its futures with {@code Mono.fromFuture}. */
  public ElasticsearchAsyncClient client() {
    return async;
  }

  /** The index versions on the cluster and the alias that names the serving one. */
  public ImageIndexVersions versions() {
    return new ImageIndexVersions(blocking, this::mappingFor);
  }

  /** The store of model migrations between index versions. */
  public Migrations migrations() {
    return new Migrations(blocking);
  }

  /**
   * Creates {@link ImageIndex#VERSIONED} behind {@link ImageIndex#ALIAS} unless the alias exists.
   */
  public void ensureExists(ModelVersions models) {
    try {
      if (blocking.indices().existsAlias(a -> a.name(ImageIndex.ALIAS)).value()) {
        return;
      }
      String body = mapping(models);
      blocking
          .indices()
          .create(
              c ->
                  c.index(ImageIndex.VERSIONED)
                      .withJson(new StringReader(body))
                      .aliases(ImageIndex.ALIAS, a -> a.isWriteIndex(true)));
    } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
      if (!IndexErrors.alreadyExists(e)) {
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Elasticsearch at " + properties.url() + " is not reachable", e);
    }
  }

  /**
   * Refuses an index whose vectors have other dimensions or come from other models: mixing them
   * would make every similarity meaningless.
   */
  public void verify(ModelVersions models) {
    try {
      Map<String, IndexMappingRecord> mappings =
          blocking.indices().getMapping(g -> g.index(ImageIndex.ALIAS)).mappings();
      for (var entry : mappings.entrySet()) {
        var mapping = entry.getValue().mappings();
        for (String field : new String[] {ImageIndex.VGG16, ImageIndex.CLIP}) {
          var property = mapping.properties().get(field);
          Integer dims =
              property == null || !property.isDenseVector() ? null : property.denseVector().dims();
          if (dims == null || dims != ImageIndex.DIMS) {
            throw new IndexMismatchException(
                "Index "
                    + entry.getKey()
                    + " has "
                    + (dims == null ? "no vector field" : dims + " dimensions")
                    + " for '"
                    + field
                    + "', but the models produce "
                    + ImageIndex.DIMS
                    + ". Point the alias '"
                    + ImageIndex.ALIAS
                    + "' at an index made by this version, or delete it to let it be created.");
          }
        }
        requireModel(entry.getKey(), mapping.meta(), ImageIndex.VGG16_MODEL, models.vgg16());
        requireModel(entry.getKey(), mapping.meta(), ImageIndex.CLIP_MODEL, models.clip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Elasticsearch at " + properties.url() + " is not reachable", e);
    }
  }

  private static void requireModel(
      String index, Map<String, JsonData> meta, String key, String expected) {
    String found = meta.containsKey(key) ? meta.get(key).to(String.class) : null;
    if (!expected.equals(found)) {
      throw new IndexMismatchException(
          "Index "
              + index
              + " holds vectors of "
              + key
              + " "
              + found
              + ", but this service loaded "
              + expected
              + ". Vectors of different models cannot be compared: index the collection again into a new"
              + " index version (see docs/decisions/0003-index.md) or configure the models it was made with.");
    }
  }

  private String mappingFor(ModelVersions models) {
    try {
      return mapping(models);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String mapping(ModelVersions models) throws IOException {
    try (InputStream in = SearchIndex.class.getResourceAsStream(ImageIndex.VERSIONED + ".json")) {
      ObjectNode root = (ObjectNode) JSON.readTree(in);
      ObjectNode settings = (ObjectNode) root.get("settings");
      settings.put("number_of_shards", properties.shards());
      settings.put("number_of_replicas", properties.replicas());
      ObjectNode meta = ((ObjectNode) root.get("mappings")).putObject("_meta");
      meta.put(ImageIndex.VGG16_MODEL, models.vgg16());
      meta.put(ImageIndex.CLIP_MODEL, models.clip());
      return JSON.writeValueAsString(root);
    }
  }

  @Override
  public void close() throws IOException {
    transport.close();
  }
}
