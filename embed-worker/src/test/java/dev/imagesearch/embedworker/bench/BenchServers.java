package dev.imagesearch.embedworker.bench;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.IndexProperties;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.localstack.S3Store;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.RealServers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** Kafka, S3 and Elasticsearch for the benchmark, on free ports, stopped when the JVM exits. */
final class BenchServers {
  final ImageStore store;
  final ElasticsearchAsyncClient es;

  private BenchServers(ImageStore store, ElasticsearchAsyncClient es) {
    this.store = store;
    this.es = es;
  }

  static BenchServers start() throws Exception {
    try (AdminClient admin =
        AdminClient.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()))) {
      // Four partitions: two workers get two each.
      admin.createTopics(List.of(new NewTopic(Topics.IMAGES, 4, (short) 1))).all().get();
    }
    S3AsyncClient s3 = RealServers.s3Client(S3AsyncClient.builder()).build();
    s3.createBucket(b -> b.bucket("imagesearch")).join();
    SearchIndex index =
        SearchIndex.connect(
            new IndexProperties(URI.create(RealServers.elasticsearch().url()), null, 0, 1));
    return new BenchServers(new ImageStore(s3, "imagesearch"), index.client());
  }

  Map<String, String> workerProperties(String group, Path models) {
    Map<String, String> p = new HashMap<>();
    p.put("server.port", "0");
    p.put("spring.kafka.bootstrap-servers", RealServers.kafka().bootstrapServers());
    p.put("spring.kafka.consumer.group-id", group);
    p.put("imagesearch.elasticsearch.url", RealServers.elasticsearch().url());
    p.put("imagesearch.s3.endpoint", RealServers.s3().endpoint());
    p.put("imagesearch.s3.region", S3Store.REGION);
    p.put("imagesearch.s3.access-key", S3Store.ACCESS_KEY);
    p.put("imagesearch.s3.secret-key", S3Store.SECRET_KEY);
    p.put("imagesearch.models.vgg16", models.resolve("vgg16").toString());
    p.put("imagesearch.models.clip", models.resolve("clip").toString());
    p.put("logging.level.dev.imagesearch.embedworker", "DEBUG");
    return p;
  }

  /** Searchable as a user sees it: no forced refresh, the index's own 1 s refresh interval. */
  void awaitSearchable(List<String> ids, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() < deadline) {
      long found =
          es.count(c -> c.index(ImageIndex.ALIAS).query(q -> q.ids(i -> i.values(ids))))
              .handle((r, e) -> e == null ? r.count() : -1L)
              .join();
      if (found == ids.size()) {
        return;
      }
      Thread.sleep(20); // polling interval of the measurement
    }
    throw new IllegalStateException("not searchable within " + seconds + " s: " + ids);
  }

  void awaitCount(String collection, int count, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() < deadline) {
      long found =
          es.count(
                  c ->
                      c.index(ImageIndex.ALIAS)
                          .query(q -> q.term(t -> t.field("collection").value(collection))))
              .handle((r, e) -> e == null ? r.count() : -1L)
              .join();
      if (found == count) {
        return;
      }
      Thread.sleep(100); // polling interval of the measurement
    }
    throw new IllegalStateException(collection + " did not reach " + count + " documents");
  }

  /** Same pixels, other bytes (a JPEG comment), so another image id. */
  static byte[] variant(byte[] jpeg, String tag) {
    byte[] comment =
        ("imagesearch-bench " + tag).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] out = new byte[jpeg.length + 4 + comment.length];
    out[0] = jpeg[0];
    out[1] = jpeg[1];
    out[2] = (byte) 0xFF;
    out[3] = (byte) 0xFE;
    out[4] = (byte) ((comment.length + 2) >> 8);
    out[5] = (byte) ((comment.length + 2) & 0xFF);
    System.arraycopy(comment, 0, out, 6, comment.length);
    System.arraycopy(jpeg, 2, out, 6 + comment.length, jpeg.length - 2);
    return out;
  }
}
