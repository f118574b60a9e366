package dev.imagesearch.ingestservice;

import dev.imagesearch.testsupport.ManagementClient;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One ingest-service context, on real S3, Kafka and Elasticsearch, shared by the API tests. */
@WithRealServers
@IngestTest
public abstract class IngestApiTestBase {
  @Autowired protected WebTestClient http;
  @LocalManagementPort private int managementPort;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    RealServers.registerS3(registry);
    RealServers.registerKafka(registry);
    RealServers.registerElasticsearch(registry);
  }

  /** The actuator: health and metrics, on the management port. */
  protected WebTestClient management() {
    return ManagementClient.of(managementPort);
  }

  protected static String kafka() {
    return RealServers.kafka().bootstrapServers();
  }

  protected static MultipartBodyBuilder files(Map<String, byte[]> files) {
    MultipartBodyBuilder body = new MultipartBodyBuilder();
    files.forEach(
        (name, bytes) ->
            body.part("file", resource(name, bytes)).contentType(MediaType.IMAGE_JPEG));
    return body;
  }

  protected static ByteArrayResource resource(String name, byte[] bytes) {
    return new ByteArrayResource(bytes) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }

  protected WebTestClient.ResponseSpec post(MultipartBodyBuilder body) {
    return http.post()
        .uri("/api/images")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + IngestTest.WRITE_KEY)
        .bodyValue(body.build())
        .exchange();
  }
}
