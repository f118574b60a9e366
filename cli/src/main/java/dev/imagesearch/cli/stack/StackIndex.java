package dev.imagesearch.cli.stack;

import dev.imagesearch.index.IndexProperties;
import dev.imagesearch.index.SearchIndex;
import java.net.URI;

/** The local stack's Elasticsearch, as the index module reaches it (index versions, migrations). */
final class StackIndex {
  static final String URL = Component.ELASTICSEARCH.url();

  private StackIndex() {}

  static SearchIndex connect() {
    return SearchIndex.connect(new IndexProperties(URI.create(URL), null, 0, 1));
  }
}
