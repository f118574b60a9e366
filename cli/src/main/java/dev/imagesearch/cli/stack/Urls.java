package dev.imagesearch.cli.stack;

final class Urls {
  private Urls() {}

  static void print() {
    System.out.println();
    System.out.println("  Search page and API:  " + Component.SEARCH_API.url() + "/");
    System.out.println("  Upload API:           " + Component.INGEST_SERVICE.url() + "/");
    System.out.println(
        "  Health and metrics:   "
            + String.join(
                ", ",
                Component.SEARCH_API.managementUrl() + "/actuator",
                Component.INGEST_SERVICE.managementUrl() + "/actuator",
                Component.EMBED_WORKER.managementUrl() + "/actuator"));
    System.out.println("  Elasticsearch:        " + Component.ELASTICSEARCH.url());
    System.out.println("  Kafka:                " + Component.KAFKA.url());
    System.out.println("  S3 store:             " + Component.S3.url());
    System.out.println();
    System.out.println("  ./imagesearch status | logs [component] | down");
  }
}
