package dev.imagesearch.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pieces point at each other: Services at ports, pods at the image's user, keys at ConfigMaps.
 */
class KubernetesWiringTest {

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu"})
  void servicesAndTheIngressReachTheContainersPort(String name) {
    Cluster cluster = Cluster.of(name);
    for (Service service : List.of(Service.INGEST_SERVICE, Service.SEARCH_API)) {
      var kubeService =
          cluster.named(io.fabric8.kubernetes.api.model.Service.class, service.module);
      Deployment deployment = cluster.deployment(service);
      assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(kubeService.getSpec().getSelector());
      ServicePort port = kubeService.getSpec().getPorts().getFirst();
      assertThat(port.getTargetPort().getStrVal())
          .isEqualTo(Cluster.container(deployment).getPorts().getFirst().getName());
      assertThat(port.getPort()).isEqualTo(service.port);
    }
    Ingress ingress = cluster.named(Ingress.class, "imagesearch");
    ingress.getSpec().getRules().stream()
        .flatMap(rule -> rule.getHttp().getPaths().stream())
        .map(path -> path.getBackend().getService())
        .forEach(
            backend -> {
              assertThat(backend.getPort().getName())
                  .as("the Ingress publishes the API, never the management port")
                  .isEqualTo("http");
              var target =
                  cluster.named(io.fabric8.kubernetes.api.model.Service.class, backend.getName());
              assertThat(target.getSpec().getPorts())
                  .extracting(ServicePort::getName)
                  .contains(backend.getPort().getName());
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu"})
  void podsRunAsTheImagesUserOnAReadOnlyRoot(String name) {
    Cluster cluster = Cluster.of(name);
    for (Service service : Service.values()) {
      String user =
          Dockerfile.read(service.module + "/Dockerfile").finalStage().all("USER").getFirst();
      PodSpec pod = cluster.deployment(service).getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(
              pod.getSecurityContext().getRunAsUser()
                  + ":"
                  + pod.getSecurityContext().getRunAsGroup())
          .as("%s runs as the image's user", service.module)
          .isEqualTo(user);
      Container container = Cluster.container(cluster.deployment(service));
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      List<String> writable =
          container.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
      assertThat(writable).as("%s: the JVM writes to /tmp", service.module).contains("/tmp");
      if (service != Service.INGEST_SERVICE) {
        assertThat(writable)
            .as("%s: DJL unpacks libtorch and models into the home directory", service.module)
            .contains("/home/app");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu"})
  void variableReferencesAreDefinedAndTheModelDownloadGetsTheRegion(String name) {
    Cluster cluster = Cluster.of(name);
    for (Service service : Service.values()) {
      var env = cluster.environment(Cluster.container(cluster.deployment(service)));
      env.forEach(
          (variable, value) -> {
            // Kubernetes leaves an undefined $(NAME) as it is: the JVM would then get the text.
            var m =
                java.util.regex.Pattern.compile("\\$\\(([A-Z0-9_]+)\\)")
                    .matcher(String.valueOf(value));
            while (m.find()) {
              assertThat(env)
                  .as("%s: %s uses $(%s)", service.module, variable, m.group(1))
                  .containsKey(m.group(1));
            }
          });
      if (service != Service.INGEST_SERVICE) {
        assertThat(env.get("JAVA_TOOL_OPTIONS"))
            .as("%s: models are downloaded from the configured region", service.module)
            .contains("-Dimagesearch.s3.region=$(IMAGESEARCH_S3_REGION)");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu"})
  void configMapReferencesNameExistingKeys(String name) {
    Cluster cluster = Cluster.of(name);
    for (Service service : Service.values()) {
      for (EnvVar variable : Cluster.container(cluster.deployment(service)).getEnv()) {
        if (variable.getValueFrom() != null
            && variable.getValueFrom().getConfigMapKeyRef() != null) {
          var ref = variable.getValueFrom().getConfigMapKeyRef();
          assertThat(cluster.named(ConfigMap.class, ref.getName()).getData())
              .as("%s: %s", service.module, variable.getName())
              .containsKey(ref.getKey());
        }
      }
    }
    assertThat(cluster.named(ConfigMap.class, "imagesearch-models").getData().values())
        .as("models come from an S3 prefix, not from the image")
        .allMatch(location -> location.startsWith("s3://"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu"})
  void theWorkerAndSearchApiLoadTheSameImageModels(String name) {
    Cluster cluster = Cluster.of(name);
    for (String model : List.of("IMAGESEARCH_MODELS_VGG16", "IMAGESEARCH_MODELS_CLIP")) {
      assertThat(modelSource(cluster, Service.EMBED_WORKER, model))
          .as("%s: %s", name, model)
          .isNotNull()
          .isEqualTo(modelSource(cluster, Service.SEARCH_API, model));
    }
  }

  private static String modelSource(Cluster cluster, Service service, String variable) {
    return Cluster.container(cluster.deployment(service)).getEnv().stream()
        .filter(v -> v.getName().equals(variable) && v.getValueFrom() != null)
        .map(v -> v.getValueFrom().getConfigMapKeyRef())
        .map(ref -> ref.getName() + "/" + ref.getKey())
        .findFirst()
        .orElse(null);
  }
}
