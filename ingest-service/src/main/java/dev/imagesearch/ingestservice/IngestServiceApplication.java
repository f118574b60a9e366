package dev.imagesearch.ingestservice;

import dev.imagesearch.index.IndexConfiguration;
import dev.imagesearch.storage.StorageConfiguration;
import dev.imagesearch.web.ApiErrors;
import dev.imagesearch.web.SecurityHeaders;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Validates uploads, stores originals in S3 and announces them on Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({StorageConfiguration.class, IndexConfiguration.class, ApiErrors.class})
public class IngestServiceApplication {
  @Bean
  SecurityHeaders securityHeaders() {
    return new SecurityHeaders(SecurityHeaders.API_ONLY);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  public static void main(String[] args) {
    SpringApplication.run(IngestServiceApplication.class, args);
  }
}
