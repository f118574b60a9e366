package dev.imagesearch.embedworker;

import dev.imagesearch.index.IndexConfiguration;
import dev.imagesearch.storage.StorageConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Turns upload events into VGG16 and CLIP vectors in Elasticsearch. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({StorageConfiguration.class, IndexConfiguration.class})
public class EmbedWorkerApplication {
  public static void main(String[] args) {
    SpringApplication.run(EmbedWorkerApplication.class, args);
  }
}
