package dev.imagesearch.embedworker.consume;

import dev.imagesearch.contracts.ImageId;
import dev.imagesearch.contracts.events.ImageDeleted;
import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.ImageUploaded;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/** Tells a usable event from a malformed one, which is a permanent failure. */
final class EventCheck {
  private static final LogAccessor LOG = new LogAccessor(EventCheck.class);

  private EventCheck() {}

  static ImageEvent valid(ConsumerRecord<String, ImageEvent> record) {
    ImageEvent event = record.value();
    if (event == null) {
      DeserializationException cause =
          SerializationUtils.getExceptionFromHeader(
              record, KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
      throw malformed(
          cause == null
              ? "the event has no value"
              : "the event is not readable JSON of a known type: " + rootMessage(cause),
          cause);
    }
    if (!ImageId.isCanonical(event.imageId())) {
      throw malformed("imageId is not a lower-case hex SHA-256: " + event.imageId(), null);
    }
    if (!event.imageId().equals(record.key())) {
      throw malformed(
          "the Kafka key " + record.key() + " is not the event's imageId " + event.imageId(), null);
    }
    return switch (event) {
      case ImageUploaded upload when upload.facts().uploadedAt() == null ->
          throw malformed("uploadedAt is missing", null);
      case ImageUploaded upload -> upload;
      case ImageDeleted deleted -> deleted;
    };
  }

  private static PermanentFailure malformed(String message, Throwable cause) {
    return new PermanentFailure(PermanentFailure.Reasons.MALFORMED_EVENT, message, cause);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    return message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }
}
