package dev.imagesearch.searchapi;

import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One search-api context on real Elasticsearch and S3, with {@link Corpus} indexed once. */
@WithRealServers
@SearchApiTest
public abstract class SearchApiTestBase {
  @Autowired protected WebTestClient http;
  @Autowired private ApplicationContext context;

  protected Corpus corpus;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    RealServers.registerS3(registry);
    RealServers.registerElasticsearch(registry);
  }

  @BeforeEach
  void indexCorpus() {
    corpus = Corpus.indexedWith(context);
  }
}
