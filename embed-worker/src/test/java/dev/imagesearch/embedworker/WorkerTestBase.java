package dev.imagesearch.embedworker;

import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One worker context on real Kafka, S3 and Elasticsearch with the tiny stand-in models; tests
 * publish events the way the ingest-service does and read what the worker wrote.
 */
@WithRealServers
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.consumer.group-id=worker-test",
      "imagesearch.worker.max-poll-records=8",
      // The random-weight stand-ins put distinct test pictures up to ~0.97 apart in CLIP space and
      // a re-encoded one at 0.99999 (NearDuplicateTest prints both), so the default 0.97 would
      // call unrelated test images duplicates.
      "imagesearch.worker.duplicate-threshold=0.995",
      "imagesearch.worker.retry.initial=200ms",
      "imagesearch.worker.retry.max=2s"
    })
public abstract class WorkerTestBase {
  public static final String REPO = System.getProperty("imagesearch.repo.dir", "..");
  private static final JacksonJsonSerializer<ImageEvent> JSON =
      new JacksonJsonSerializer<ImageEvent>().noTypeInfo();
  private static KafkaProducer<String, byte[]> producer;

  @Autowired protected ImageStore store;
  @Autowired protected ElasticsearchAsyncClient elasticsearch;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    RealServers.registerS3(registry);
    RealServers.registerKafka(registry);
    RealServers.registerElasticsearch(registry);
    registry.add("imagesearch.s3.create-bucket", () -> "true");
    registry.add("imagesearch.worker.models.vgg16", () -> REPO + "/models/standin/vgg16");
    registry.add("imagesearch.worker.models.clip", () -> REPO + "/models/standin/clip");
    createTopic(RealServers.kafka().bootstrapServers());
  }

  /** Three partitions, as in production several, so batches span partitions. */
  public static void createTopic(String bootstrap) {
    try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(Topics.IMAGES, 3, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void closeProducer() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ImageUploaded uploaded(String id, byte[] bytes, String collection) {
    return new ImageUploaded(
        ImageUploaded.SCHEMA_VERSION,
        UUID.randomUUID(),
        id,
        "imagesearch",
        ImageStore.originalKey(id),
        "image/jpeg",
        bytes.length,
        0,
        0,
        id.substring(0, 8) + ".jpg",
        collection,
        List.of("test"),
        null,
        Instant.now());
  }

  /** Stores the original, then announces it, as the ingest-service does. */
  protected ImageUploaded upload(byte[] bytes, String collection) {
    String id = sha256(bytes);
    store.putOriginal(id, bytes, "image/jpeg", Map.of()).block();
    ImageUploaded event = uploaded(id, bytes, collection);
    publish(event);
    return event;
  }

  protected static void publish(ImageEvent event) {
    publishRaw(event.imageId(), JSON.serialize(Topics.IMAGES, event));
  }

  protected static void publishRaw(String key, byte[] value) {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers(), "acks", "all"),
              new StringSerializer(),
              new ByteArraySerializer());
    }
    try {
      producer.send(new ProducerRecord<>(Topics.IMAGES, key, value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  protected Optional<ImageDocument> document(String id) {
    return Documents.get(elasticsearch, id);
  }

  protected ImageDocument awaitDocument(String id) {
    return await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> document(id), Optional::isPresent)
        .orElseThrow();
  }

  /** Documents of one collection, counted after a refresh. */
  protected long count(String collection) {
    return Documents.count(elasticsearch, collection);
  }

  static String alias() {
    return ImageIndex.ALIAS;
  }
}
