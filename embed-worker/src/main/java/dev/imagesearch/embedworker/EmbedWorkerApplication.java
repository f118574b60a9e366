package dev.imagesearch.embedworker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Turns upload events into VGG16 and CLIP vectors in Elasticsearch. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EmbedWorkerApplication {
  public static void main(String[] args) {
    SpringApplication.run(EmbedWorkerApplication.class, args);
  }
}
