package dev.imagesearch.deployment;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One set of documents (the base, or an overlay as rendered), read strictly into their models. */
record Cluster(String name, List<Object> objects) {
  private static final Map<String, Cluster> CACHE = new HashMap<>();

  /**
   * "base" (the files as written), or an overlay; overlays skip the test when kubectl is absent.
   */
  static synchronized Cluster of(String name) {
    Cluster cached = CACHE.get(name);
    if (cached != null) {
      return cached;
    }
    List<Map<String, Object>> documents;
    if (name.equals("base")) {
      documents = Manifests.base();
    } else {
      Optional<Path> kubectl = Manifests.kubectl();
      assumeTrue(
          kubectl.isPresent(),
          "kubectl is not installed: the "
              + name
              + " overlay is not rendered, so not checked (install kubectl or kubernetes-client)");
      documents = Manifests.render(kubectl.get(), name);
    }
    List<Object> objects = new ArrayList<>();
    for (Map<String, Object> document : documents) {
      objects.add(StrictModel.read(document));
    }
    Cluster cluster = new Cluster(name, List.copyOf(objects));
    CACHE.put(name, cluster);
    return cluster;
  }

  <T> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T> T named(Class<T> type, String name) {
    return all(type).stream()
        .filter(o -> metadataName(o).equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError(this.name + ": no " + type.getSimpleName() + " " + name));
  }

  Deployment deployment(Service service) {
    return named(Deployment.class, service.module);
  }

  static Container container(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    if (containers.size() != 1) {
      throw new AssertionError(deployment.getMetadata().getName() + " should run one container");
    }
    return containers.getFirst();
  }

  /** Every variable a container gets: its env, and the keys of the ConfigMaps it takes whole. */
  Map<String, String> environment(Container container) {
    Map<String, String> env = new HashMap<>();
    for (var from : container.getEnvFrom()) {
      if (from.getConfigMapRef() != null) {
        named(ConfigMap.class, from.getConfigMapRef().getName()).getData().forEach(env::put);
      }
    }
    for (var variable : container.getEnv()) {
      env.put(variable.getName(), variable.getValue());
    }
    return env;
  }

  KafkaTopic topic(String topicName) {
    return all(KafkaTopic.class).stream()
        .filter(t -> topicName.equals(t.getSpec().getTopicName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + ": no KafkaTopic for " + topicName));
  }

  private static String metadataName(Object object) {
    if (object instanceof io.fabric8.kubernetes.api.model.HasMetadata resource) {
      return resource.getMetadata().getName();
    }
    if (object instanceof CustomResources.ScaledObject scaled) {
      return scaled.metadata().getName();
    }
    if (object instanceof CustomResources.Elasticsearch elasticsearch) {
      return elasticsearch.metadata().getName();
    }
    throw new IllegalStateException("no name for " + object.getClass());
  }

  @Override
  public String toString() {
    return name;
  }
}
