package dev.imagesearch.deployment;

import java.util.Arrays;
import java.util.Optional;

/** The three Spring Boot services: module (= compose service = Deployment name) and HTTP port. */
enum Service {
  INGEST_SERVICE("ingest-service", 8081),
  EMBED_WORKER("embed-worker", 8082),
  SEARCH_API("search-api", 8080);

  final String module;
  final int port;

  Service(String module, int port) {
    this.module = module;
    this.port = port;
  }

  static Optional<Service> named(String name) {
    return Arrays.stream(values()).filter(s -> s.module.equals(name)).findFirst();
  }

  /** The service's configuration, read from the jar its build left in target/. */
  ServiceJar jar() {
    return ServiceJar.of(this);
  }
}
