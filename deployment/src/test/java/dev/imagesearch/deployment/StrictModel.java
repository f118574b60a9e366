package dev.imagesearch.deployment;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a Kubernetes document into its API model and refuses anything the model does not know.
 *
 * <p>fabric8's and Strimzi's classes keep unknown fields in {@code additionalProperties} instead of
 * failing, so after reading, every object of the graph is walked and a non-empty {@code
 * additionalProperties} is an error, reported with its path. Scalars are not coerced (a number
 * where the API wants a string fails, as the API server would refuse it).
 */
final class StrictModel {
  /** apiVersion/kind -> model class. A kind that is not here cannot pass. */
  private static final Map<String, Class<?>> MODELS =
      Map.ofEntries(
          Map.entry("v1/Namespace", Namespace.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
          Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
          Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
          Map.entry("keda.sh/v1alpha1/ScaledObject", CustomResources.ScaledObject.class),
          Map.entry(
              "monitoring.coreos.com/v1/ServiceMonitor", CustomResources.ServiceMonitor.class),
          Map.entry(
              "monitoring.coreos.com/v1/PrometheusRule", CustomResources.PrometheusRule.class),
          Map.entry(
              "elasticsearch.k8s.elastic.co/v1/Elasticsearch",
              CustomResources.Elasticsearch.class));

  private static final ObjectMapper MAPPER = mapper();

  private StrictModel() {}

  private static ObjectMapper mapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    for (LogicalType type :
        List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
      for (CoercionInputShape shape :
          List.of(
              CoercionInputShape.Integer,
              CoercionInputShape.Float,
              CoercionInputShape.Boolean,
              CoercionInputShape.String)) {
        mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
      }
    }
    return mapper;
  }

  /** The model class for a document, or an error naming what has none. */
  static Class<?> modelFor(Map<String, Object> document) {
    String key = document.get("apiVersion") + "/" + document.get("kind");
    Class<?> model = MODELS.get(key);
    if (model == null) {
      throw new AssertionError("no API model for " + key + ": not a kind these manifests may use");
    }
    return model;
  }

  /** The document as its model; fails on an unknown field anywhere, with its path. */
  static <T> T read(Map<String, Object> document, Class<T> model) {
    T value;
    try {
      value = MAPPER.readValue(MAPPER.writeValueAsBytes(document), model);
    } catch (JsonMappingException e) {
      throw new AssertionError(
          describe(document) + ": " + e.getOriginalMessage() + " at " + e.getPathReference(), e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<String> unknown = new ArrayList<>();
    walk(value, "", unknown);
    if (!unknown.isEmpty()) {
      throw new AssertionError(describe(document) + ": unknown fields " + unknown);
    }
    return value;
  }

  static Object read(Map<String, Object> document) {
    return read(document, modelFor(document));
  }

  static String describe(Map<String, Object> document) {
    Object metadata = document.get("metadata");
    Object name = metadata instanceof Map<?, ?> m ? m.get("name") : null;
    return document.get("kind") + "/" + name;
  }

  private static void walk(Object value, String path, List<String> unknown) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Enum<?>) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, unknown));
      return;
    }
    if (value instanceof Collection<?> list) {
      int i = 0;
      for (Object element : list) {
        walk(element, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    Class<?> type = value.getClass();
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        walk(invoke(component.getAccessor(), value), path + "." + component.getName(), unknown);
      }
      return;
    }
    try {
      Method additional = type.getMethod("getAdditionalProperties");
      Object extra = additional.invoke(value);
      if (extra instanceof Map<?, ?> map && !map.isEmpty()) {
        map.keySet().forEach(k -> unknown.add(path + "." + k));
      }
    } catch (NoSuchMethodException e) {
      // a model type without a catch-all: Jackson already refused unknown fields
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    BeanDescription bean = MAPPER.getSerializationConfig().introspect(MAPPER.constructType(type));
    for (BeanPropertyDefinition property : bean.findProperties()) {
      if (property.getAccessor() != null) {
        walk(property.getAccessor().getValue(value), path + "." + property.getName(), unknown);
      }
    }
  }

  private static Object invoke(Method accessor, Object target) {
    try {
      return accessor.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectMapper mapperForTests() {
    return MAPPER;
  }
}
