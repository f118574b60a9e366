package dev.imagesearch.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What must hold in the base and in every rendered overlay, beyond the API schema. */
class KubernetesChecksTest {
  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(SECRET|PASSWORD|ACCESS_KEY|API_KEY|SHA256|TOKEN).*");

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu"})
  void probesAskTheActuatorOnTheManagementPort(String name) {
    Cluster cluster = Cluster.of(name);
    for (Service service : Service.values()) {
      Container container = Cluster.container(cluster.deployment(service));
      assertThat(container.getPorts())
          .extracting(ContainerPort::getContainerPort)
          .as("%s: container ports", service.module)
          .containsExactlyElementsOf(new TreeSet<>(List.of(service.port, service.managementPort)));
      assertThat(cluster.environment(container))
          .containsEntry("SERVER_PORT", String.valueOf(service.port))
          .containsEntry(service.managementPortVariable(), String.valueOf(service.managementPort));
      assertProbe(container, container.getLivenessProbe(), "/actuator/health/liveness");
      assertProbe(container, container.getStartupProbe(), "/actuator/health/liveness");
      assertProbe(container, container.getReadinessProbe(), "/actuator/health/readiness");
    }
  }

  private static void assertProbe(Container container, Probe probe, String path) {
    assertThat(probe).as("%s: probe on %s", container.getName(), path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    IntOrString port = probe.getHttpGet().getPort();
    ContainerPort target =
        container.getPorts().stream()
            .filter(p -> "management".equals(p.getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError(container.getName() + ": no port 'management'"));
    if (port.getStrVal() != null) {
      assertThat(port.getStrVal())
          .as("%s: probe port name", container.getName())
          .isEqualTo(target.getName());
    } else {
      assertThat(port.getIntVal()).isEqualTo(target.getContainerPort());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu"})
  void everyVariableBindsToAPropertyOfItsService(String name) {
    Cluster cluster = Cluster.of(name);
    for (Service service : Service.values()) {
      ServiceJar jar = service.jar();
      for (String variable :
          cluster.environment(Cluster.container(cluster.deployment(service))).keySet()) {
        assertThat(EnvNames.NOT_SPRING.contains(variable) || jar.propertyFor(variable).isPresent())
            .as("%s: %s binds to no property that %s declares", name, variable, service.module)
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu"})
  void secretsAreReferencedNeverWritten(String name) {
    Cluster cluster = Cluster.of(name);
    assertThat(cluster.all(Secret.class)).as("no Secret is committed").isEmpty();
    for (Service service : Service.values()) {
      Container container = Cluster.container(cluster.deployment(service));
      for (EnvVar variable : container.getEnv()) {
        if (SECRET_NAME.matcher(variable.getName()).matches()) {
          assertThat(variable.getValueFrom())
              .as("%s: %s comes from a Secret", service.module, variable.getName())
              .isNotNull();
          assertThat(variable.getValueFrom().getSecretKeyRef()).isNotNull();
        }
      }
      for (String key : cluster.environment(container).keySet()) {
        assertThat(key)
            .as("ConfigMaps hold no secrets")
            .satisfiesAnyOf(
                k -> assertThat(SECRET_NAME.matcher(k).matches()).isFalse(),
                k -> assertThat(container.getEnv()).extracting(EnvVar::getName).contains(k));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu"})
  void workersScaleOnTheLagOfTheirTopicWithinItsPartitions(String name) {
    Cluster cluster = Cluster.of(name);
    CustomResources.ScaledObject scaled =
        cluster.named(CustomResources.ScaledObject.class, "embed-worker");
    assertThat(scaled.spec().scaleTargetRef().name()).isEqualTo("embed-worker");
    assertThat(scaled.spec().triggers())
        .singleElement()
        .satisfies(
            trigger -> {
              assertThat(trigger.type()).isEqualTo("kafka");
              assertThat(CustomResources.KAFKA_TRIGGER_METADATA)
                  .containsAll(trigger.metadata().keySet());
              assertThat(trigger.metadata())
                  .containsEntry("topic", "images.uploaded")
                  .containsEntry(
                      "consumerGroup",
                      String.valueOf(
                          Service.EMBED_WORKER
                              .jar()
                              .applicationValue("spring.kafka.consumer.group-id")
                              .orElseThrow()));
              int partitions =
                  cluster.topic(trigger.metadata().get("topic")).getSpec().getPartitions();
              assertThat(scaled.spec().minReplicaCount()).isGreaterThanOrEqualTo(1);
              int consumers =
                  Integer.parseInt(
                      cluster
                          .environment(Cluster.container(cluster.deployment(Service.EMBED_WORKER)))
                          .get("IMAGESEARCH_WORKER_CONCURRENCY"));
              assertThat(scaled.spec().maxReplicaCount())
                  .as("%s: more consumers than partitions would idle", name)
                  .isBetween(scaled.spec().minReplicaCount(), partitions / consumers);
            });
    Map<String, String> ingest =
        cluster.environment(Cluster.container(cluster.deployment(Service.INGEST_SERVICE)));
    assertThat(ingest.get("IMAGESEARCH_EVENTS_PARTITIONS"))
        .as("the ingest-service creates the topic with the KafkaTopic's partitions")
        .isEqualTo(String.valueOf(cluster.topic("images.uploaded").getSpec().getPartitions()));
    assertThat(cluster.topic("images.uploaded.DLT")).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu"})
  void aStoppingWorkerHasTimeToFinishItsBatch(String name) {
    Cluster cluster = Cluster.of(name);
    Deployment worker = cluster.deployment(Service.EMBED_WORKER);
    long grace = worker.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    WorkerShutdown.check(
        name, cluster.environment(Cluster.container(worker)), Duration.ofSeconds(grace));
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu"})
  void networkPoliciesCoverEveryDeploymentAndOnlyTheApisAreOpen(String name) {
    Cluster cluster = Cluster.of(name);
    List<NetworkPolicy> policies = cluster.all(NetworkPolicy.class);
    for (Deployment deployment : cluster.all(Deployment.class)) {
      Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
      List<NetworkPolicy> covering =
          policies.stream().filter(p -> selects(p.getSpec().getPodSelector(), labels)).toList();
      assertThat(covering)
          .as("%s: a NetworkPolicy selects it", deployment.getMetadata().getName())
          .isNotEmpty();
      assertThat(covering)
          .flatExtracting(p -> p.getSpec().getPolicyTypes())
          .as("%s: both directions restricted", deployment.getMetadata().getName())
          .contains("Ingress", "Egress");
      boolean openToAll =
          covering.stream()
              .flatMap(p -> p.getSpec().getIngress().stream())
              .anyMatch(rule -> rule.getFrom().isEmpty());
      assertThat(openToAll)
          .as("%s: reachable from outside", deployment.getMetadata().getName())
          .isEqualTo(!deployment.getMetadata().getName().equals("embed-worker"));
    }
    NetworkPolicy worker = cluster.named(NetworkPolicy.class, "embed-worker");
    Set<Integer> egressPorts = new TreeSet<>();
    for (NetworkPolicyEgressRule rule : worker.getSpec().getEgress()) {
      assertThat(rule.getPorts()).as("every worker egress rule names its ports").isNotEmpty();
      rule.getPorts().stream()
          .map(NetworkPolicyPort::getPort)
          .map(IntOrString::getIntVal)
          .forEach(egressPorts::add);
    }
    assertThat(egressPorts)
        .as("Kafka, Elasticsearch, S3 (HTTPS) and DNS only")
        .containsExactly(53, 443, 9092, 9200);
  }

  private static boolean selects(LabelSelector selector, Map<String, String> labels) {
    return selector.getMatchExpressions().isEmpty()
        && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu"})
  void apisScaleOnCpuAndKeepOneReplicaThroughDisruptions(String name) {
    Cluster cluster = Cluster.of(name);
    for (Service service : List.of(Service.INGEST_SERVICE, Service.SEARCH_API)) {
      HorizontalPodAutoscaler hpa = cluster.named(HorizontalPodAutoscaler.class, service.module);
      assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(service.module);
      assertThat(hpa.getSpec().getMetrics())
          .singleElement()
          .satisfies(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
      Container container = Cluster.container(cluster.deployment(service));
      assertThat(container.getResources().getRequests())
          .as("HPA needs a CPU request")
          .containsKey("cpu");
    }
    for (Service service : Service.values()) {
      PodDisruptionBudget pdb = cluster.named(PodDisruptionBudget.class, service.module);
      assertThat(pdb.getSpec().getSelector().getMatchLabels())
          .isEqualTo(cluster.deployment(service).getSpec().getSelector().getMatchLabels());
    }
    Ingress ingress = cluster.named(Ingress.class, "imagesearch");
    assertThat(ingress.getSpec().getRules())
        .flatExtracting(r -> r.getHttp().getPaths())
        .extracting(p -> p.getBackend().getService().getName())
        .containsExactlyInAnyOrder("search-api", "ingest-service");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu"})
  void onlyTheGpuOverlayAsksForGpus(String name) {
    Cluster cluster = Cluster.of(name);
    Deployment worker = cluster.deployment(Service.EMBED_WORKER);
    Container container = Cluster.container(worker);
    Map<String, Quantity> limits = container.getResources().getLimits();
    if (name.equals("gpu")) {
      assertThat(limits).containsEntry("nvidia.com/gpu", new Quantity("1"));
      assertThat(cluster.environment(container)).containsEntry("IMAGESEARCH_WORKER_DEVICE", "gpu");
      assertThat(container.getImage()).endsWith("-gpu");
      assertThat(worker.getSpec().getTemplate().getSpec().getNodeSelector()).isNotEmpty();
      assertThat(worker.getSpec().getTemplate().getSpec().getTolerations())
          .anyMatch(t -> "nvidia.com/gpu".equals(t.getKey()));
    } else {
      assertThat(limits).doesNotContainKey("nvidia.com/gpu");
      assertThat(cluster.environment(container)).containsEntry("IMAGESEARCH_WORKER_DEVICE", "cpu");
    }
  }
}
