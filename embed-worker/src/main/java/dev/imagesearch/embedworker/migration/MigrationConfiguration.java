package dev.imagesearch.embedworker.migration;

import dev.imagesearch.contracts.events.ImageReembedRequested;
import dev.imagesearch.embedworker.indexing.IndexTarget;
import dev.imagesearch.index.SearchIndex;
import dev.imagesearch.index.migration.TombstoneExpiry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MigrationProperties.class)
class MigrationConfiguration {
  @Bean
  MigrationWatcher migrationWatcher(
      IndexTarget target,
      SearchIndex index,
      KafkaAdmin admin,
      KafkaProperties kafka,
      KafkaListenerEndpointRegistry listeners,
      MigrationProperties properties) {
    Map<String, Object> config = new LinkedHashMap<>(kafka.buildProducerProperties());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    var template =
        new KafkaTemplate<>(
            new DefaultKafkaProducerFactory<String, ImageReembedRequested>(
                config,
                new StringSerializer(),
                new JacksonJsonSerializer<ImageReembedRequested>().noTypeInfo()));
    ReembedTopic topic = new ReembedTopic(admin, template, kafka);
    var es = new co.elastic.clients.elasticsearch.ElasticsearchClient(index.client()._transport());
    Coordinator coordinator =
        new Coordinator(
            // Unique per process: two replicas on one host must not share the lease.
            "worker-" + UUID.randomUUID(),
            index.migrations(),
            target.versions(),
            target.deletions(),
            new SourcePages(es, properties.pageSize()),
            topic,
            properties.lease());
    TombstonePurge purge =
        new TombstonePurge(
            target.deletions(),
            new TombstoneExpiry(es, properties.tombstoneMargin()),
            topic,
            properties.tombstonePurge());
    return new MigrationWatcher(
        target, index.migrations(), coordinator, purge, topic, listeners, properties);
  }
}
