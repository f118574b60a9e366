package dev.imagesearch.searchapi;

import dev.imagesearch.index.IndexConfiguration;
import dev.imagesearch.storage.StorageConfiguration;
import dev.imagesearch.web.ApiErrors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** Answers text and image queries and serves the web UI at /. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({IndexConfiguration.class, StorageConfiguration.class, ApiErrors.class})
public class SearchApiApplication {
  public static void main(String[] args) {
    SpringApplication.run(SearchApiApplication.class, args);
  }
}
