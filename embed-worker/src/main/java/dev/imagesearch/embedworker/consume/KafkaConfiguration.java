package dev.imagesearch.embedworker.consume;

import dev.imagesearch.contracts.events.ImageEvent;
import dev.imagesearch.contracts.events.Topics;
import dev.imagesearch.embedworker.WorkerProperties;
import dev.imagesearch.embedworker.metrics.WorkerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The consumer of {@link Topics#IMAGES} and the dead letters of both topics the worker reads,
 * declared once, here ({@link ReembedListener} declares its consumer beside it and shares the
 * rest).
 *
 * <ul>
 *   <li>Values are read with {@link JacksonJsonDeserializer} (the JSON names the event kind, no
 *       type headers) wrapped in {@link ErrorHandlingDeserializer}: a malformed event arrives with
 *       a null value instead of stopping the partition.
 *   <li>Offsets are committed after the listener returns, that is after Elasticsearch acknowledged.
 *   <li>A listener exception means a transient failure: {@link DefaultErrorHandler} retries the
 *       whole batch with exponential back-off and no limit, pausing the consumer meanwhile, so
 *       nothing reaches the dead letters for an outage.
 *   <li>Permanent failures are sent by the listener itself through the same {@link
 *       DeadLetterPublishingRecoverer}, record by record, so the rest of the batch goes on.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {
  static final String REASON_HEADER = "imagesearch-failure-reason";
  static final String MESSAGE_HEADER = "imagesearch-failure-message";

  @Bean
  ConsumerFactory<String, ImageEvent> imageEventConsumerFactory(
      KafkaProperties kafka, WorkerProperties worker, MeterRegistry meters) {
    Map<String, Object> config = consumerConfig(kafka, worker);
    config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, "embed-worker");
    var factory =
        new DefaultKafkaConsumerFactory<String, ImageEvent>(
            config,
            new StringDeserializer(),
            new ErrorHandlingDeserializer<>(
                new JacksonJsonDeserializer<>(ImageEvent.class, false)));
    factory.addListener(new MicrometerConsumerListener<>(meters));
    return factory;
  }

  /** The consumer settings of every topic the worker reads. */
  static Map<String, Object> consumerConfig(KafkaProperties kafka, WorkerProperties worker) {
    Map<String, Object> config = new LinkedHashMap<>(kafka.buildConsumerProperties());
    config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, worker.maxPollRecords());
    // One rule for "this batch takes too long": past it the broker hands the partitions to another
    // consumer, and liveness goes DOWN (StallHealth).
    config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) worker.stallTimeout().toMillis());
    return config;
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, ImageEvent> imageEventListenerFactory(
      ConsumerFactory<String, ImageEvent> consumers,
      DefaultErrorHandler errorHandler,
      WorkerProperties worker) {
    return containerFactory(consumers, errorHandler, worker);
  }

  /** Batches, committed after the listener returned, retried by the one error handler. */
  static <V> ConcurrentKafkaListenerContainerFactory<String, V> containerFactory(
      ConsumerFactory<String, V> consumers,
      DefaultErrorHandler errorHandler,
      WorkerProperties worker) {
    var factory = new ConcurrentKafkaListenerContainerFactory<String, V>();
    factory.setConsumerFactory(consumers);
    factory.setBatchListener(true);
    factory.setConcurrency(worker.concurrency());
    factory.setCommonErrorHandler(errorHandler);
    ContainerProperties container = factory.getContainerProperties();
    container.setAckMode(ContainerProperties.AckMode.BATCH);
    // On shutdown, finish the batch in flight if it ends within this time; otherwise it is
    // abandoned uncommitted and re-delivered.
    container.setShutdownTimeout(worker.shutdownTimeout().toMillis());
    return factory;
  }

  @Bean
  DefaultErrorHandler errorHandler(
      DeadLetterPublishingRecoverer deadLetters, WorkerProperties worker, WorkerMetrics metrics) {
    ExponentialBackOff backOff =
        new ExponentialBackOff(worker.retry().initial().toMillis(), worker.retry().multiplier());
    backOff.setMaxInterval(worker.retry().max().toMillis());
    var handler = new DefaultErrorHandler(deadLetters, backOff);
    handler.setRetryListeners(new TransientFailures(metrics));
    return handler;
  }

  /** Byte values are malformed events restored to their original bytes by the recoverer. */
  @Bean
  KafkaTemplate<String, Object> deadLetterTemplate(KafkaProperties kafka, MeterRegistry meters) {
    Map<String, Object> config = new LinkedHashMap<>(kafka.buildProducerProperties());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
    byType.put(byte[].class, new ByteArraySerializer());
    byType.put(ImageEvent.class, new JacksonJsonSerializer<ImageEvent>().noTypeInfo());
    var factory =
        new DefaultKafkaProducerFactory<String, Object>(
            config, new StringSerializer(), new DelegatingByTypeSerializer(byType, true));
    factory.addListener(new MicrometerProducerListener<>(meters));
    return new KafkaTemplate<>(factory);
  }

  @Bean
  DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(
      KafkaTemplate<String, Object> template) {
    var recoverer =
        new DeadLetterPublishingRecoverer(
            template,
            (record, e) ->
                new TopicPartition(
                    Topics.REEMBED.equals(record.topic()) ? Topics.REEMBED_DLT : Topics.IMAGES_DLT,
                    -1));
    recoverer.setHeadersFunction(KafkaConfiguration::reasonHeaders);
    return recoverer;
  }

  /** Besides spring-kafka's exception headers, the stable reason and a readable message. */
  static Headers reasonHeaders(
      org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record, Exception e) {
    Throwable cause = e;
    while (cause != null && !(cause instanceof PermanentFailure)) {
      cause = cause.getCause();
    }
    String reason = cause instanceof PermanentFailure f ? f.reason() : "UNEXPECTED";
    String message = cause != null ? cause.getMessage() : String.valueOf(e.getMessage());
    Headers headers = new RecordHeaders();
    headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
    headers.add(MESSAGE_HEADER, message.getBytes(StandardCharsets.UTF_8));
    return headers;
  }
}
