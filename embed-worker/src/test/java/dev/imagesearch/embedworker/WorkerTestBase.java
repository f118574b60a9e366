package dev.imagesearch.embedworker;

import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.index.ImageDocument;
import dev.imagesearch.index.ImageIndex;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.NeedsClipVocabulary;
import dev.imagesearch.testsupport.RealServers;
import dev.imagesearch.testsupport.WithRealServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One worker context on real Kafka, S3 and Elasticsearch with the tiny stand-in models; tests
 * publish events the way the ingest-service does and read what the worker wrote.
 */
@NeedsClipVocabulary
@WithRealServers
// Closed after each class: a context left running would keep consuming the topic and compete
// with the worker processes of ResilienceTest.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
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

  @Autowired protected ImageStore store;
  @Autowired protected ElasticsearchAsyncClient elasticsearch;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    RealServers.registerS3(registry);
    RealServers.registerKafka(registry);
    RealServers.registerElasticsearch(registry);
    registry.add("imagesearch.s3.create-bucket", () -> "true");
    registry.add("imagesearch.models.vgg16", () -> REPO + "/models/standin/vgg16");
    registry.add("imagesearch.models.clip", () -> REPO + "/models/standin/clip");
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

  /** Stores the original, then announces it, as the ingest-service does. */
  protected ImageUploaded upload(byte[] bytes, String collection) {
    String id = sha256(bytes);
    store.putOriginal(id, bytes, "image/jpeg", Map.of()).block();
    ImageUploaded event = TestEvents.uploaded(id, bytes, collection);
    publish(event);
    return event;
  }

  protected static void publish(ImageEvent event) {
    TestEvents.publish(event);
  }

  protected static void publishRaw(String key, byte[] value) {
    TestEvents.publishRaw(key, value);
  }

  protected static String sha256(byte[] bytes) {
    return TestEvents.sha256(bytes);
  }

  protected static ImageUploaded uploaded(String id, byte[] bytes, String collection) {
    return TestEvents.uploaded(id, bytes, collection);
  }

  protected Optional<ImageDocument> document(String id) {
    return IndexedDocuments.get(elasticsearch, id);
  }

  protected ImageDocument awaitDocument(String id) {
    return await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> document(id), Optional::isPresent)
        .orElseThrow();
  }

  /** Documents of one collection, counted after a refresh. */
  protected long count(String collection) {
    return IndexedDocuments.count(elasticsearch, collection);
  }

  static String alias() {
    return ImageIndex.ALIAS;
  }
}
