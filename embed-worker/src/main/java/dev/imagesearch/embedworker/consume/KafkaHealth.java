package dev.imagesearch.embedworker.consume;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/** Up when a broker answers within 5 seconds; the client is kept, it reconnects by itself. */
@Component("kafkaHealthIndicator")
class KafkaHealth implements HealthIndicator, AutoCloseable {
  private final AdminClient admin;

  KafkaHealth(KafkaProperties properties) {
    var config = properties.buildAdminProperties();
    config.put("request.timeout.ms", 5000);
    config.put("default.api.timeout.ms", 5000);
    this.admin = AdminClient.create(config);
  }

  @Override
  public Health health() {
    try {
      var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000));
      int brokers = cluster.nodes().get(5, TimeUnit.SECONDS).size();
      return Health.up().withDetail("brokers", brokers).build();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Health.down().withDetail("error", e.toString()).build();
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
