package dev.imagesearch.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every document, base and rendered overlays, read strictly into its API model. */
class KubernetesDocumentsTest {

  @ParameterizedTest
  @ValueSource(strings = {"base", "cpu", "gpu", "observability"})
  void everyDocumentIsAValidObjectOfItsKind(String name) {
    Cluster cluster = Cluster.of(name);
    assertThat(cluster.objects())
        .as("%s: documents", name)
        .hasSizeGreaterThanOrEqualTo(20)
        .extracting(o -> o.getClass().getSimpleName())
        .contains(
            "Deployment",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "Ingress",
            "NetworkPolicy",
            "Kafka",
            "KafkaNodePool",
            "KafkaTopic",
            "ScaledObject",
            "Elasticsearch");
  }

  @Test
  void theStrictReaderRefusesAnUnknownFieldDeepInADeployment() {
    Map<String, Object> document =
        Manifests.parse(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: x
                          image: x
                          livenessProbe: {httpGet: {path: /, port: 1, sheme: HTTP}}
                """)
            .getFirst();
    assertThatThrownBy(() -> StrictModel.read(document))
        .hasMessageContaining("spec.template.spec.containers[0].livenessProbe.httpGet.sheme");
  }

  @Test
  void theStrictReaderRefusesNumbersWhereTheApiWantsStrings() {
    Map<String, Object> document =
        Manifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {A: 1}\n")
            .getFirst();
    assertThatThrownBy(() -> StrictModel.read(document)).isInstanceOf(AssertionError.class);
  }

  @Test
  void theStrictReaderRefusesUnknownFieldsInCustomResourcesAndUnknownKinds() {
    Map<String, String> documents =
        Map.of(
            "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: x}\n"
                + "spec: {scaleTargetRef: {name: x}, maxReplicas: 3, triggers: []}\n",
            "maxReplicas",
            "apiVersion: kafka.strimzi.io/v1\nkind: KafkaTopic\nmetadata: {name: x}\n"
                + "spec: {partitions: 3, replica: 3}\n",
            "spec.replica",
            "apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata: {name: x}\n"
                + "spec: {version: 9.5.3, nodeSets: [{name: a, podTemplate: {spec: {nodeSelectr: {}}}}]}\n",
            "nodeSelectr",
            "apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: x}\n",
            "no API model for apps/v1beta1/Deployment");
    documents.forEach(
        (text, expected) -> {
          Map<String, Object> document = Manifests.parse(text).getFirst();
          assertThatThrownBy(() -> StrictModel.read(document))
              .as(text)
              .hasMessageContaining(expected);
        });
  }
}
