package dev.imagesearch.embedworker;

import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.ImageUploaded;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.contracts.images.ImageFacts;
import dev.imagesearch.storage.ImageStore;
import dev.imagesearch.testsupport.RealServers;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/** Publishes events as the ingest-service does: JSON without type headers, keyed by image id. */
public final class TestEvents {
  private static final JacksonJsonSerializer<ImageEvent> JSON =
      new JacksonJsonSerializer<ImageEvent>().noTypeInfo();
  private static KafkaProducer<String, byte[]> producer;

  private TestEvents() {}

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ImageUploaded uploaded(String id, byte[] bytes, String collection) {
    return ImageUploaded.of(
        id,
        new ImageFacts(
            id.substring(0, 8) + ".jpg",
            collection,
            List.of("test"),
            null,
            "image/jpeg",
            null,
            null,
            (long) bytes.length,
            Instant.now()));
  }

  /** Stores the original, then announces it. */
  public static ImageUploaded upload(ImageStore store, byte[] bytes, String collection) {
    String id = sha256(bytes);
    store.putOriginal(id, bytes, "image/jpeg", Map.of()).block();
    ImageUploaded event = uploaded(id, bytes, collection);
    publish(event);
    return event;
  }

  public static void publish(ImageEvent event) {
    publishRaw(event.imageId(), JSON.serialize(Topics.IMAGES, event));
  }

  public static synchronized void publishRaw(String key, byte[] value) {
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
}
