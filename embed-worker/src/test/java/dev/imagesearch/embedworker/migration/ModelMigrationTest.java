package dev.imagesearch.embedworker.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import dev.imagesearch.contracts.events.ImageDeleted;
import dev.imagesearch.embedding.EmbeddingModels;
import dev.imagesearch.embedworker.EmbedWorkerApplication;
import dev.imagesearch.embedworker.TestEvents;
import dev.imagesearch.embedworker.WorkerTestBase;
import dev.imagesearch.embedworker.consume.ImageEventListener;
import dev.imagesearch.embedworker.consume.ResilienceSetup;
import dev.imagesearch.imaging.ImageDecoder;
import dev.imagesearch.imaging.RgbImage;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.index.ImageIndexVersions;
import dev.imagesearch.index.ModelVersions;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.index.TestIndex;
import dev.imagesearch.index.migration.Migration;
import dev.imagesearch.index.migration.Migration.State;
import dev.imagesearch.index.migration.Migrations;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.NeedsClipVocabulary;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.TestImages;
import dev.imagesearch.testsupport.WithRealServers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * A model migration end to end on real Kafka, S3 and Elasticsearch: images indexed by workers with
 * stand-in version A, then workers with version B (another seed) build images-v2 from the stored
 * originals while uploads and deletions go on, and the coordinator dies on the way.
 */
@NeedsClipVocabulary
@WithRealServers
class ModelMigrationTest {
  static final int N = 12;
  static final String A = WorkerTestBase.REPO + "/models/standin";

  /** A cluster without image indices before each test. */
  @RegisterExtension
  static final TestIndex elasticsearch = TestIndex.deletingVersionsAnd(Migrations.INDEX);

  static final SearchIndex index = elasticsearch.index();
  static final ElasticsearchClient es = elasticsearch.es();
  static final ImageIndexVersions versions = index.versions();
  static final Migrations migrations = index.migrations();
  String group;

  @BeforeAll
  static void topic() {
    WorkerTestBase.createTopic(RealServers.kafka().bootstrapServers());
  }

  /** A consumer group that starts after the earlier events. */
  @BeforeEach
  void freshGroup() throws Exception {
    group = ResilienceSetup.newGroupAtEnd();
  }

  @Test
  void theNewVersionGetsEveryImageWithTheNewModelsAndTheAliasMovesOnce() throws Exception {
    Path b = StandinB.directory();
    String collection = "migration-" + UUID.randomUUID();
    List<byte[]> images = new ArrayList<>();
    for (int i = 0; i < N + 2; i++) {
      images.add(TestImages.jpeg(300 + i));
    }
    Map<String, byte[]> byId = new HashMap<>();
    ImageStore store;
    try (var a = worker(A)) {
      store = a.getBean(ImageStore.class);
      for (byte[] bytes : images.subList(0, N)) {
        byId.put(TestEvents.upload(store, bytes, collection).imageId(), bytes);
      }
      await().atMost(Duration.ofSeconds(180)).until(() -> count("images-v1", collection) == N);
    }
    List<String> ids = new ArrayList<>(byId.keySet());

    var b1 = worker(b.toString());
    store = b1.getBean(ImageStore.class);
    Migration seen =
        await()
            .atMost(Duration.ofSeconds(120))
            .until(() -> migration("images-v2"), m -> m.isPresent() && m.get().published() > 0)
            .orElseThrow();
    // During the migration: two deletions (one of them of the original as well) and two uploads.
    String deleted = ids.get(0);
    String deletedWithOriginal = ids.get(1);
    store.deleteAll(deletedWithOriginal).block();
    for (String id : List.of(deleted, deletedWithOriginal)) {
      TestEvents.publish(
          new ImageDeleted(ImageDeleted.SCHEMA_VERSION, UUID.randomUUID(), id, Instant.now()));
      byId.remove(id);
    }
    for (byte[] bytes : images.subList(N, N + 2)) {
      byId.put(TestEvents.upload(store, bytes, collection).imageId(), bytes);
    }
    // The only worker, so the coordinator, goes away mid-migration; another takes over.
    assertThat(migration("images-v2").orElseThrow().running()).isTrue();
    b1.close();
    assertThat(seen.fromModels()).isNotEqualTo(seen.toModels());

    try (var b2 = worker(b.toString())) {
      awaitSwitchTo("images-v2");

      assertThat(versions.serving().orElseThrow().name()).isEqualTo("images-v2");
      assertThat(count("images-v2", collection)).isEqualTo(N);
      EmbeddingModels models = b2.getBean(EmbeddingModels.class);
      ImageDecoder decoder = new ImageDecoder();
      for (var image : byId.entrySet()) {
        ImageDocument doc = document("images-v2", image.getKey()).orElseThrow();
        RgbImage rgb = decoder.decode(image.getValue());
        assertThat(doc.status()).isEqualTo(ImageIndex.INDEXED);
        assertThat(doc.clipModel()).isEqualTo(models.clip().descriptor().id());
        assertThat(doc.vgg16()).containsExactly(models.vgg16().embedImage(rgb), within(1e-6f));
        assertThat(doc.clip()).containsExactly(models.clip().embedImage(rgb), within(1e-6f));
      }
      for (String gone : List.of(deleted, deletedWithOriginal)) {
        assertThat(document("images-v2", gone)).isEmpty();
        assertThat(document("images-v1", gone)).isEmpty();
      }
      Migration done = migration("images-v2").orElseThrow();
      assertThat(done.switchedAt()).isNotNull();
      assertThat(done.total()).isEqualTo(N - 2);

      // A worker of the old models after the switch (a rolling update's leftover) leaves uploads
      // to b2: written into images-v1, they would never be found.
      try (var leftover = worker(A)) {
        var uploads =
            leftover
                .getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(ImageEventListener.ID);
        await().atMost(Duration.ofSeconds(30)).until(() -> !uploads.isRunning());
        TestEvents.upload(b2.getBean(ImageStore.class), TestImages.jpeg(900), collection);
        await()
            .atMost(Duration.ofSeconds(120))
            .until(() -> count("images-v2", collection) == N + 1);
        assertThat(count("images-v1", collection)).isEqualTo(N - 2);
        assertThat(versions.serving().orElseThrow().name()).isEqualTo("images-v2");
      }
    }
  }

  @Test
  void modelsThatFailToLoadNeverTouchTheServingIndex() throws Exception {
    index.ensureExists(new ModelVersions("vgg16@a", "clip@a"));

    assertThatThrownBy(() -> worker("target/no-such-models").close()).isInstanceOf(Exception.class);

    assertThat(versions.list()).hasSize(1);
    assertThat(versions.serving().orElseThrow().name()).isEqualTo("images-v1");
    assertThat(migrations.latest()).isEmpty();
  }

  /**
   * A failed image stays failed for the same reason: an unreadable event left nothing but its id to
   * re-embed, and an image that is no image fails the new worker as it failed the old one.
   */
  @Test
  @SuppressWarnings("try") // b1 only has to run
  void aFailedImageKeepsItsFailureInTheNewVersion() throws Exception {
    Path b = StandinB.directory();
    String collection = "failed-" + UUID.randomUUID();
    byte[] notAnImage = ("not an image " + collection).getBytes();
    String malformed = TestEvents.sha256(collection.getBytes());
    List<String> failed = List.of(malformed, TestEvents.sha256(notAnImage));
    try (var a = worker(A)) {
      ImageStore store = a.getBean(ImageStore.class);
      TestEvents.upload(store, TestImages.jpeg(700), collection);
      TestEvents.upload(store, notAnImage, collection);
      TestEvents.publishRaw(malformed, "{not json".getBytes());
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () ->
                  count("images-v1", collection) == 2
                      && document("images-v1", malformed).isPresent());
    }

    try (var b1 = worker(b.toString())) {
      awaitSwitchTo("images-v2");

      for (String id : failed) {
        ImageDocument before = document("images-v1", id).orElseThrow();
        assertThat(before.status()).isEqualTo(ImageIndex.FAILED);
        assertThat(document("images-v2", id).orElseThrow())
            .usingRecursiveComparison()
            .ignoringFields("indexedAt")
            .isEqualTo(before);
      }
    }
  }

  private ConfigurableApplicationContext worker(String models) {
    Map<String, Object> properties = new HashMap<>();
    RealServers.registerS3((name, value) -> properties.put(name, value.get()));
    RealServers.registerKafka((name, value) -> properties.put(name, value.get()));
    RealServers.registerElasticsearch((name, value) -> properties.put(name, value.get()));
    properties.put("imagesearch.s3.create-bucket", "true");
    properties.put("imagesearch.models.vgg16", models + "/vgg16");
    properties.put("imagesearch.models.clip", models + "/clip");
    properties.put("spring.kafka.consumer.group-id", group);
    properties.put("server.port", "0");
    // Small batches: a worker closed mid-migration leaves re-embeds undone, which its successor
    // must finish before the alias moves.
    properties.put("imagesearch.worker.max-poll-records", "2");
    properties.put("imagesearch.worker.retry.initial", "200ms");
    properties.put("imagesearch.worker.retry.max", "2s");
    // Small pages and a short lease: several pages per migration, and a quick takeover.
    properties.put("imagesearch.worker.migration.page-size", "3");
    properties.put("imagesearch.worker.migration.lease", "3s");
    properties.put("imagesearch.worker.migration.tick", "200ms");
    // Arguments, not default properties: those would lose against application.yml.
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(EmbedWorkerApplication.class).run(args);
  }

  private static void awaitSwitchTo(String target) {
    await()
        .atMost(Duration.ofSeconds(240))
        .until(
            () -> migration(target).map(Migration::state),
            s -> s.equals(Optional.of(State.SWITCHED)));
  }

  private static Optional<Migration> migration(String target) {
    return migrations.get(target).map(Migrations.Stored::migration);
  }

  private static long count(String index, String collection) throws Exception {
    es.indices().refresh(r -> r.index(index).ignoreUnavailable(true));
    return es.count(
            c ->
                c.index(index)
                    .ignoreUnavailable(true)
                    .query(q -> q.term(t -> t.field(ImageIndex.COLLECTION).value(collection))))
        .count();
  }

  private static Optional<ImageDocument> document(String index, String id) throws Exception {
    var found = es.get(g -> g.index(index).id(id).sourceExcludeVectors(false), ImageDocument.class);
    return found.found() ? Optional.ofNullable(found.source()) : Optional.empty();
  }
}
