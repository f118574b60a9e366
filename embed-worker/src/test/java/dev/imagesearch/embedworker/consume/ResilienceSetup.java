package dev.imagesearch.embedworker.consume;

import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.embedworker.DeadLetters;
import dev.imagesearch.embedworker.WorkerTestBase;
import dev.imagesearch.localstack.S3Store;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.RealServers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** What {@link ResilienceTest}'s worker processes are started with, and what it reads back. */
public final class ResilienceSetup {
  private ResilienceSetup() {}

  static S3AsyncClient s3() {
    return RealServers.s3Client(S3AsyncClient.builder()).build();
  }

  static Set<String> ids(List<ImageUploaded> events) {
    return events.stream().map(ImageUploaded::imageId).collect(Collectors.toSet());
  }

  static Set<String> deadLetterKeys() {
    return DeadLetters.all(RealServers.kafka().bootstrapServers()).stream()
        .map(r -> r.key())
        .collect(Collectors.toSet());
  }

  static Map<String, String> workerProperties(int esPort, String group) {
    Map<String, String> p = new HashMap<>();
    p.put("server.port", "0");
    p.put("spring.kafka.bootstrap-servers", RealServers.kafka().bootstrapServers());
    p.put("spring.kafka.consumer.group-id", group);
    p.put("imagesearch.elasticsearch.url", "http://127.0.0.1:" + esPort);
    p.put("imagesearch.s3.endpoint", RealServers.s3().endpoint());
    p.put("imagesearch.s3.region", S3Store.REGION);
    p.put("imagesearch.s3.access-key", S3Store.ACCESS_KEY);
    p.put("imagesearch.s3.secret-key", S3Store.SECRET_KEY);
    p.put("imagesearch.models.vgg16", WorkerTestBase.REPO + "/models/standin/vgg16");
    p.put("imagesearch.models.clip", WorkerTestBase.REPO + "/models/standin/clip");
    p.put("imagesearch.worker.duplicate-threshold", "0.995");
    p.put("imagesearch.worker.retry.initial", "500ms");
    p.put("imagesearch.worker.retry.max", "4s");
    p.put("logging.level.dev.imagesearch.embedworker", "DEBUG");
    return p;
  }

  /**
   * A consumer group that starts at the topic's current end, so the worker reads only this test's
   * events, not those earlier tests left on the shared topic.
   */
  public static String newGroupAtEnd() throws Exception {
    String group = "resilience-" + UUID.randomUUID();
    commitAtEnd(Topics.IMAGES, group);
    return group;
  }

  /** Commits the group's offsets at the topic's current end, as if it had consumed everything. */
  public static void commitAtEnd(String topic, String group) throws Exception {
    try (AdminClient admin =
        AdminClient.create(Map.of("bootstrap.servers", RealServers.kafka().bootstrapServers()))) {
      var partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
      Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
      admin
          .listOffsets(partitions)
          .all()
          .get()
          .forEach((p, info) -> end.put(p, new OffsetAndMetadata(info.offset())));
      admin.alterConsumerGroupOffsets(group, end).all().get();
    }
  }

  static boolean thumbnailExists(S3AsyncClient s3, String id) {
    return s3.headObject(b -> b.bucket("imagesearch").key(ImageStore.thumbnailKey(id)))
        .handle((response, error) -> error == null)
        .join();
  }
}
