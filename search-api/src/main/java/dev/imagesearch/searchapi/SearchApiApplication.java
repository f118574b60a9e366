package dev.imagesearch.searchapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Answers text and image queries and serves the web UI at /. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SearchApiApplication {
  public static void main(String[] args) {
    SpringApplication.run(SearchApiApplication.class, args);
  }
}
