package dev.imagesearch.embedworker.migration;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.Refresh;
import dev.imagesearch.contracts.events.ImageReembedRequested;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.embedworker.WorkerTestBase;
import dev.imagesearch.embedworker.consume.ReembedListener;
import dev.imagesearch.embedworker.consume.ResilienceSetup;
import dev.imagesearch.index.ImageDeletions;
import dev.imagesearch.index.TestIndex;
import dev.imagesearch.index.migration.Migrations;
import dev.imagesearch.index.migration.TombstoneExpiry;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/** The purge on real Kafka and Elasticsearch: the re-embed topic's backlog holds tombstones. */
@WithRealServers
class TombstonePurgeTest {
  static final Duration EVERY = Duration.ofMinutes(10);

  @RegisterExtension
  static final TestIndex elasticsearch = TestIndex.deleting(ImageDeletions.INDEX, Migrations.INDEX);

  static final ImageDeletions deletions =
      new ImageDeletions(elasticsearch.index().client(), Duration.ofSeconds(30));
  KafkaProperties kafka;
  ReembedTopic topic;
  TombstonePurge purge;
  Instant now;

  @BeforeEach
  void freshGroup() throws Exception {
    String bootstrap = RealServers.kafka().bootstrapServers();
    WorkerTestBase.createTopic(bootstrap);
    kafka = new KafkaProperties();
    kafka.setBootstrapServers(List.of(bootstrap));
    kafka.getConsumer().setGroupId("purge-" + UUID.randomUUID());
    var template =
        new KafkaTemplate<>(
            new DefaultKafkaProducerFactory<String, ImageReembedRequested>(
                kafka.buildProducerProperties(),
                new StringSerializer(),
                new JacksonJsonSerializer<ImageReembedRequested>().noTypeInfo()));
    topic =
        new ReembedTopic(new KafkaAdmin(Map.of("bootstrap.servers", bootstrap)), template, kafka);
    topic.ensureExists();
    purge =
        new TombstonePurge(
            deletions, new TombstoneExpiry(elasticsearch.es(), Duration.ofHours(1)), topic, EVERY);
    deletions.ensureExists(0);
    now = Instant.now();
  }

  @AfterEach
  void close() {
    topic.close();
  }

  @Test
  void aTombstoneStaysWhileARequestWaitsOnTheTopicAndGoesOnceItIsConsumed() throws Exception {
    String deleted = tombstone("a", now.minus(Duration.ofHours(2)));
    topic.publish(
        List.of(
            ImageReembedRequested.of(
                deleted,
                "images-v2",
                new ImageFacts(null, null, List.of(), null, null, null, null, null, null),
                null)));

    assertThat(purge.purge(now)).isZero();
    assertThat(deletions.deleted(List.of(deleted))).containsExactly(deleted);

    consumedEverything();
    assertThat(purge.purge(now)).isOne();
    assertThat(deletions.deleted(List.of(deleted))).isEmpty();
  }

  @Test
  void aWorkerPurgesOnceEveryIntervalNotEveryTick() throws Exception {
    consumedEverything();
    String first = tombstone("a", now.minus(Duration.ofHours(2)));
    purge.tick(now);
    assertThat(deletions.deleted(List.of(first))).isEmpty();

    String second = tombstone("b", now.minus(Duration.ofHours(2)));
    purge.tick(now.plusSeconds(2));
    assertThat(deletions.deleted(List.of(second))).containsExactly(second);

    purge.tick(now.plus(EVERY));
    assertThat(deletions.deleted(List.of(second))).isEmpty();
  }

  private String tombstone(String name, Instant deletedAt) throws Exception {
    String id = name.repeat(64);
    elasticsearch
        .es()
        .bulk(b -> b.operations(ImageDeletions.tombstone(id, deletedAt)).refresh(Refresh.True));
    return id;
  }

  /** The re-embed group has committed every request on the topic, this test's and earlier ones. */
  private void consumedEverything() throws Exception {
    ResilienceSetup.commitAtEnd(Topics.REEMBED, ReembedListener.group(kafka));
  }
}
