package dev.imagesearch.searchapi;

import dev.imagesearch.searchapi.search.ResultPage;
import dev.imagesearch.testsupport.ManagementClient;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One search-api context on real Elasticsearch and S3, with {@link Corpus} indexed once. */
@WithRealServers
@SearchApiTest
public abstract class SearchApiTestBase {
  @Autowired protected WebTestClient http;
  @Autowired private ApplicationContext context;
  @LocalManagementPort private int managementPort;

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

  /** The actuator: health and metrics, on the management port. */
  protected WebTestClient management() {
    return ManagementClient.of(managementPort);
  }

  protected <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** A GET that must answer 200 with a search response. */
  protected ResultPage search(String uri, Object... variables) {
    return http.get()
        .uri(uri, variables)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(ResultPage.class)
        .returnResult()
        .getResponseBody();
  }

  /** An image query (POST) that must answer 200. */
  protected ResultPage searchByImage(byte[] image, String uri, Object... variables) {
    return http.post()
        .uri(uri, variables)
        .bodyValue(withImage(image).build())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(ResultPage.class)
        .returnResult()
        .getResponseBody();
  }

  protected static MultipartBodyBuilder withImage(byte[] image) {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    body.part(
        "image",
        new ByteArrayResource(image) {
          @Override
          public String getFilename() {
            return "query.png";
          }
        });
    return body;
  }

  protected WebTestClient.ResponseSpec post(MultipartBodyBuilder body) {
    return http.post().uri("/api/search").bodyValue(body.build()).exchange();
  }

  protected ResultPage postOk(MultipartBodyBuilder body) {
    return post(body)
        .expectStatus()
        .isOk()
        .expectBody(ResultPage.class)
        .returnResult()
        .getResponseBody();
  }
}
