package dev.imagesearch.embedworker.consume;

import dev.imagesearch.contracts.events.ImageReembedRequested;
import dev.imagesearch.embedworker.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * The consumer of the re-embed topic ({@link ReembedListener}): the settings, error handler
 * (retries without limit for transient failures) and dead letters of {@link KafkaConfiguration}, in
 * a consumer group of its own.
 */
@Configuration(proxyBeanMethods = false)
class ReembedConfiguration {
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, ImageReembedRequested> reembedListenerFactory(
      KafkaProperties kafka,
      WorkerProperties worker,
      MeterRegistry meters,
      DefaultErrorHandler errorHandler) {
    Map<String, Object> config = KafkaConfiguration.consumerConfig(kafka, worker);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, ReembedListener.group(kafka));
    var consumers =
        new DefaultKafkaConsumerFactory<String, ImageReembedRequested>(
            config,
            new StringDeserializer(),
            new ErrorHandlingDeserializer<>(
                new JacksonJsonDeserializer<>(ImageReembedRequested.class, false)));
    consumers.addListener(new MicrometerConsumerListener<>(meters));
    return KafkaConfiguration.containerFactory(consumers, errorHandler, worker);
  }
}
