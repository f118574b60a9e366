package dev.imagesearch.ingestservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Validates uploads, stores originals in S3 and announces them on Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestServiceApplication {
  public static void main(String[] args) {
    SpringApplication.run(IngestServiceApplication.class, args);
  }
}
