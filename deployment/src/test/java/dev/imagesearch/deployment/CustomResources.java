package dev.imagesearch.deployment;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed models of the custom resources that have no Java model on Maven Central: KEDA's
 * ScaledObject (keda.sh/v1alpha1), ECK's Elasticsearch (elasticsearch.k8s.elastic.co/v1) and the
 * Prometheus Operator's ServiceMonitor and PrometheusRule (monitoring.coreos.com/v1).
 *
 * <p>They are NOT the full CRD schemas: they hold the fields of those CRDs that a ScaledObject or
 * an Elasticsearch resource may reasonably set here, named and typed as in the CRDs (ScaledObject's
 * spec fields were checked against the npm package @kubernetes-models/keda 2.0.0, generated from
 * KEDA's Go types). Read with unknown properties refused, a misspelt or misplaced field fails; a
 * valid field that is missing here fails too, and must then be added deliberately. Embedded
 * Kubernetes types (metadata, pod template, volume claims) are fabric8's, checked like the rest.
 */
final class CustomResources {
  private CustomResources() {}

  record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, ScaledObjectSpec spec) {}

  record ScaledObjectSpec(
      ScaleTarget scaleTargetRef,
      Integer pollingInterval,
      Integer cooldownPeriod,
      Integer initialCooldownPeriod,
      Integer idleReplicaCount,
      Integer minReplicaCount,
      Integer maxReplicaCount,
      List<ScaleTrigger> triggers) {}

  record ScaleTarget(String apiVersion, String kind, String name, String envSourceContainerName) {}

  record ScaleTrigger(
      String type,
      String name,
      Map<String, String> metadata,
      AuthenticationRef authenticationRef,
      Boolean useCachedMetrics,
      String metricType) {}

  record AuthenticationRef(String kind, String name) {}

  /** The parameters KEDA's kafka scaler documents; a typo there is ignored by KEDA, not here. */
  static final Set<String> KAFKA_TRIGGER_METADATA =
      Set.of(
          "bootstrapServers",
          "bootstrapServersFromEnv",
          "consumerGroup",
          "consumerGroupFromEnv",
          "topic",
          "topicFromEnv",
          "lagThreshold",
          "activationLagThreshold",
          "offsetResetPolicy",
          "allowIdleConsumers",
          "scaleToZeroOnInvalidOffset",
          "excludePersistentLag",
          "limitToPartitionsWithLag",
          "ensureEvenDistributionOfPartitions",
          "partitionLimitation",
          "version",
          "sasl",
          "tls",
          "unsafeSsl");

  record Elasticsearch(
      String apiVersion, String kind, ObjectMeta metadata, ElasticsearchSpec spec) {}

  record ElasticsearchSpec(String version, String image, Http http, List<NodeSet> nodeSets) {}

  record Http(HttpTls tls) {}

  record HttpTls(SelfSignedCertificate selfSignedCertificate) {}

  record SelfSignedCertificate(Boolean disabled) {}

  record NodeSet(
      String name,
      Integer count,
      Map<String, Object> config,
      PodTemplateSpec podTemplate,
      List<PersistentVolumeClaim> volumeClaimTemplates) {}

  record ServiceMonitor(
      String apiVersion, String kind, ObjectMeta metadata, ServiceMonitorSpec spec) {}

  record ServiceMonitorSpec(
      LabelSelector selector,
      NamespaceSelector namespaceSelector,
      String jobLabel,
      List<MonitorEndpoint> endpoints) {}

  record NamespaceSelector(Boolean any, List<String> matchNames) {}

  record MonitorEndpoint(
      String port, String path, String scheme, String interval, String scrapeTimeout) {}

  record PrometheusRule(
      String apiVersion, String kind, ObjectMeta metadata, PrometheusRuleSpec spec) {}

  record PrometheusRuleSpec(List<RuleGroup> groups) {}

  record RuleGroup(String name, String interval, List<Rule> rules) {}

  record Rule(
      String alert,
      String record,
      String expr,
      @JsonProperty("for") String pending,
      Map<String, String> labels,
      Map<String, String> annotations) {}
}
