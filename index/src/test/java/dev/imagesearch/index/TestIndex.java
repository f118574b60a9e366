package dev.imagesearch.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.imagesearch.testsupport.RealServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Elasticsearch of a test class, as a static {@code @RegisterExtension} field: a {@link
 * SearchIndex} on it (one shard, no replica), a blocking client to look with, and a clean slate
 * before each test, where the indices it names are deleted (missing ones are fine). The {@link
 * SearchIndex} is closed after the class. Other modules' tests use it through the index test-jar.
 */
public final class TestIndex implements BeforeEachCallback, AfterAllCallback {
  /** Every index version, and the old unversioned index, that the tests make. */
  private static final List<String> VERSIONS =
      List.of("images-v1", "images-v2", "images-v3", "images-old");

  private final List<String> deletedBeforeEach;
  private final SearchIndex index;
  private final ElasticsearchClient es;

  private TestIndex(List<String> deletedBeforeEach) {
    this.deletedBeforeEach = deletedBeforeEach;
    this.index =
        SearchIndex.connect(
            new IndexProperties(URI.create(RealServers.elasticsearch().url()), null, 0, 1));
    this.es = new ElasticsearchClient(index.client()._transport());
  }

  /** Deletes these indices before each test. */
  public static TestIndex deleting(String... indices) {
    return new TestIndex(List.of(indices));
  }

  /** Deletes every image index version before each test, and these indices. */
  public static TestIndex deletingVersionsAnd(String... indices) {
    return new TestIndex(Stream.concat(VERSIONS.stream(), Stream.of(indices)).toList());
  }

  public SearchIndex index() {
    return index;
  }

  public ElasticsearchClient es() {
    return es;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    try {
      es.indices().delete(d -> d.index(deletedBeforeEach).ignoreUnavailable(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    index.close();
  }
}
