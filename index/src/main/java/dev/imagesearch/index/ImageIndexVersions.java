package dev.imagesearch.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The image index versions on the cluster ({@code images-v1}, {@code images-v2}, ...), each made
 * for one set of models recorded in its mapping's {@code _meta}, and the alias {@link
 * ImageIndex#ALIAS} that names the one serving queries. Get it from {@link SearchIndex#versions()}.
 */
public final class ImageIndexVersions {
  /** One index version: its concrete name, its number and the models whose vectors it holds. */
  public record IndexVersion(String name, int number, ModelVersions models) {}

  private static final int CREATE_TRIES = 5;

  private final ElasticsearchClient es;
  private final Function<ModelVersions, String> mapping;

  ImageIndexVersions(ElasticsearchClient es, Function<ModelVersions, String> mapping) {
    this.es = es;
    this.mapping = mapping;
  }

  /** Every version, oldest first; empty on a fresh cluster. */
  public List<IndexVersion> list() {
    try {
      return es
          .indices()
          .getMapping(g -> g.index(ImageIndex.VERSION_PREFIX + "*"))
          .mappings()
          .entrySet()
          .stream()
          .filter(e -> number(e.getKey()) > 0)
          .map(e -> version(e.getKey(), e.getValue().mappings().meta()))
          .sorted(Comparator.comparingInt(IndexVersion::number))
          .toList();
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** The version the alias names, which queries read; empty before anything was indexed. */
  public Optional<IndexVersion> serving() {
    try {
      if (!es.indices().existsAlias(a -> a.name(ImageIndex.ALIAS)).value()) {
        return Optional.empty();
      }
      String name =
          es.indices().getAlias(a -> a.name(ImageIndex.ALIAS)).aliases().keySet().iterator().next();
      return list().stream().filter(v -> v.name().equals(name)).findFirst();
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /**
   * The version made for these models, created (without the alias) as the next number when there is
   * none. Two processes creating at once are fine: the loser reads again and finds or numbers anew.
   */
  public IndexVersion findOrCreate(ModelVersions models) {
    for (int tries = 0; tries < CREATE_TRIES; tries++) {
      List<IndexVersion> versions = list();
      Optional<IndexVersion> found =
          versions.stream().filter(v -> models.equals(v.models())).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      int next = versions.isEmpty() ? 1 : versions.getLast().number() + 1;
      String name = ImageIndex.VERSION_PREFIX + next;
      try {
        es.indices().create(c -> c.index(name).withJson(new StringReader(mapping.apply(models))));
        return new IndexVersion(name, next, models);
      } catch (ElasticsearchException e) {
        if (!IndexErrors.alreadyExists(e)) {
          throw e;
        }
      } catch (IOException e) {
        throw unreachable(e);
      }
    }
    throw new IllegalStateException(
        "Index versions kept appearing while creating the one for " + models + "; try again.");
  }

  /**
   * Moves the alias from one version to another in one request, so every query reads one or the
   * other, never both or neither. Fails, changing nothing, when the alias is not on {@code from}:
   * someone else moved it first.
   */
  public void switchAlias(String from, String to) {
    try {
      es.indices()
          .updateAliases(
              u ->
                  u.actions(
                          a -> a.remove(r -> r.index(from).alias(ImageIndex.ALIAS).mustExist(true)))
                      .actions(
                          a -> a.add(d -> d.index(to).alias(ImageIndex.ALIAS).isWriteIndex(true))));
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** The version number of an index name, 0 when it is no version ({@code images-v1-old}). */
  static int number(String name) {
    String digits = name.substring(ImageIndex.VERSION_PREFIX.length());
    return digits.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(digits) : 0;
  }

  private static IndexVersion version(String name, Map<String, JsonData> meta) {
    return new IndexVersion(
        name,
        number(name),
        new ModelVersions(text(meta, ImageIndex.VGG16_MODEL), text(meta, ImageIndex.CLIP_MODEL)));
  }

  private static String text(Map<String, JsonData> meta, String key) {
    return meta != null && meta.containsKey(key) ? meta.get(key).to(String.class) : null;
  }

  private static UncheckedIOException unreachable(IOException e) {
    return new UncheckedIOException("Elasticsearch is not reachable", e);
  }
}
