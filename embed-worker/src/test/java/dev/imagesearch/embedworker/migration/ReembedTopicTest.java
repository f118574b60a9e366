package dev.imagesearch.embedworker.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesearch.contracts.events.ImageReembedRequested;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.embedworker.WorkerTestBase;
import dev.imagesearch.embedworker.consume.ReembedListener;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/** The lag of the re-embed topic on real Kafka: what verification waits for before a pass. */
@WithRealServers
class ReembedTopicTest {
  static final TopicPartition P0 = new TopicPartition(Topics.REEMBED, 0);
  static final TopicPartition P1 = new TopicPartition(Topics.REEMBED, 1);
  static final TopicPartition P2 = new TopicPartition(Topics.REEMBED, 2);

  @Test
  void requestsDeletedByRetentionAreNotWaitedFor() throws Exception {
    String bootstrap = RealServers.kafka().bootstrapServers();
    WorkerTestBase.createTopic(bootstrap);
    KafkaProperties kafka = new KafkaProperties();
    kafka.getConsumer().setGroupId("lag-" + UUID.randomUUID());
    Map<String, Object> config = Map.of("bootstrap.servers", bootstrap);
    var template =
        new KafkaTemplate<String, ImageReembedRequested>(
            new DefaultKafkaProducerFactory<>(
                config, new StringSerializer(), new JacksonJsonSerializer<>()));
    try (var topic = new ReembedTopic(new KafkaAdmin(config), template, kafka);
        var admin = AdminClient.create(config);
        var producer =
            new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      topic.ensureExists();
      for (TopicPartition p : List.of(P0, P1, P2)) {
        for (int i = 0; i < 5; i++) {
          producer.send(new ProducerRecord<>(Topics.REEMBED, p.partition(), "id", "{}")).get();
        }
      }
      Map<TopicPartition, Long> ends = ends(admin);
      // P0: no commit, all but the last 2 deleted. P1: committed but the last one. P2: committed
      // all but the last 4, then all but the last 2 deleted (retention passed the commit).
      admin
          .deleteRecords(
              Map.of(
                  P0, RecordsToDelete.beforeOffset(ends.get(P0) - 2),
                  P2, RecordsToDelete.beforeOffset(ends.get(P2) - 2)))
          .all()
          .get();
      admin
          .alterConsumerGroupOffsets(
              ReembedListener.group(kafka),
              Map.of(
                  P1, new OffsetAndMetadata(ends.get(P1) - 1),
                  P2, new OffsetAndMetadata(ends.get(P2) - 4)))
          .all()
          .get();

      assertThat(topic.lag()).isEqualTo(2 + 1 + 2);
    }
  }

  private static Map<TopicPartition, Long> ends(AdminClient admin) throws Exception {
    var latest =
        admin
            .listOffsets(
                Map.of(P0, OffsetSpec.latest(), P1, OffsetSpec.latest(), P2, OffsetSpec.latest()))
            .all()
            .get();
    return Map.of(
        P0, latest.get(P0).offset(), P1, latest.get(P1).offset(), P2, latest.get(P2).offset());
  }
}
