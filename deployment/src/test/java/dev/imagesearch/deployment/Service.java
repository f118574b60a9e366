package dev.imagesearch.deployment;

import java.util.Arrays;
import java.util.Optional;

/**
 * The three Spring Boot services: module (= compose service = Deployment name), HTTP port, and the
 * management port of health and metrics (docs/decisions/0026-management-port.md).
 */
enum Service {
  INGEST_SERVICE("ingest-service", 8081, 8091),
  // The worker serves nothing but health and metrics, on its one port.
  EMBED_WORKER("embed-worker", 8082, 8082),
  SEARCH_API("search-api", 8080, 8090);

  final String module;
  final int port;
  final int managementPort;

  Service(String module, int port, int managementPort) {
    this.module = module;
    this.port = port;
    this.managementPort = managementPort;
  }

  boolean separateManagementPort() {
    return managementPort != port;
  }

  /** The environment variable that sets the port the actuator listens on. */
  String managementPortVariable() {
    return separateManagementPort() ? "MANAGEMENT_SERVER_PORT" : "SERVER_PORT";
  }

  static Optional<Service> named(String name) {
    return Arrays.stream(values()).filter(s -> s.module.equals(name)).findFirst();
  }

  /** The service's configuration, read from the jar its build left in target/. */
  ServiceJar jar() {
    return ServiceJar.of(this);
  }
}
