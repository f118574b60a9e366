package dev.imagesearch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** One real round trip through each server, over real sockets. */
@WithRealServers
class RoundTripTest {

  @Test
  void storesAndReadsBackAnObjectInS3() {
    try (S3Client s3 = RealServers.s3Client(S3Client.builder()).build()) {
      s3.createBucket(b -> b.bucket("round-trip"));
      byte[] bytes = "not really a jpeg".getBytes(StandardCharsets.UTF_8);
      s3.putObject(
          b -> b.bucket("round-trip").key("originals/abc").contentType("image/jpeg"),
          RequestBody.fromBytes(bytes));

      var stored = s3.getObjectAsBytes(b -> b.bucket("round-trip").key("originals/abc"));

      assertThat(stored.asByteArray()).isEqualTo(bytes);
      assertThat(stored.response().contentType()).isEqualTo("image/jpeg");
    }
  }

  @Test
  void sendsAndReceivesAKafkaRecord() throws Exception {
    String bootstrap = RealServers.kafka().bootstrapServers();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(List.of(new NewTopic("round-trip", 3, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true),
            new StringSerializer(),
            new StringSerializer())) {
      producer
          .send(new ProducerRecord<>("round-trip", "image-1", "{\"imageId\":\"image-1\"}"))
          .get(30, TimeUnit.SECONDS);
    }

    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "round-trip-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(Set.of("round-trip"));
      ConsumerRecords<String, String> records = ConsumerRecords.empty();
      for (int i = 0; i < 30 && records.isEmpty(); i++) {
        records = consumer.poll(Duration.ofSeconds(1));
      }

      assertThat(records.count()).isEqualTo(1);
      var record = records.iterator().next();
      assertThat(record.key()).isEqualTo("image-1");
      assertThat(record.value()).isEqualTo("{\"imageId\":\"image-1\"}");
    }
  }

  record VectorDoc(String name, float[] vector) {}

  @Test
  void indexesVectorsAndFindsTheNearestWithKnn() throws Exception {
    try (ElasticsearchClient es =
        ElasticsearchClient.of(b -> b.host(RealServers.elasticsearch().url()))) {
      es.indices()
          .create(
              c ->
                  c.index("round-trip")
                      .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                      .mappings(
                          m ->
                              m.properties("name", p -> p.keyword(k -> k))
                                  .properties(
                                      "vector",
                                      p ->
                                          p.denseVector(
                                              v ->
                                                  v.dims(4)
                                                      .index(true)
                                                      .similarity(
                                                          co.elastic.clients.elasticsearch._types
                                                              .mapping.DenseVectorSimilarity
                                                              .Cosine)))));
      List<VectorDoc> docs =
          List.of(
              new VectorDoc("east", new float[] {1, 0, 0, 0}),
              new VectorDoc("north", new float[] {0, 1, 0, 0}),
              new VectorDoc("up", new float[] {0, 0, 1, 0}));
      for (VectorDoc doc : docs) {
        es.index(i -> i.index("round-trip").id(doc.name()).document(doc).refresh(Refresh.WaitFor));
      }

      SearchResponse<VectorDoc> response =
          es.search(
              s ->
                  s.index("round-trip")
                      .knn(
                          k ->
                              k.field("vector")
                                  .queryVector(0.1f, 0.9f, 0.05f, 0f)
                                  .k(2)
                                  .numCandidates(10)),
              VectorDoc.class);

      List<String> names = response.hits().hits().stream().map(Hit::id).toList();
      assertThat(names).containsExactly("north", "east");
    }
  }
}
