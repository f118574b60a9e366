package dev.imagesearch.embedworker.models;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The worker once read its models from {@code imagesearch.worker.models.*}; search-api read {@code
 * imagesearch.models.*}. Both now read the latter. An old name left in a deployment would otherwise
 * be ignored without a word and the worker would embed with the stand-ins.
 */
final class OldModelNames {
  private OldModelNames() {}

  static void refuse(Environment environment) {
    Map<String, String> old =
        Binder.get(environment)
            .bind("imagesearch.worker.models", Bindable.mapOf(String.class, String.class))
            .orElse(Map.of());
    if (!old.isEmpty()) {
      throw new IllegalStateException(
          "imagesearch.worker.models."
              + old.keySet().iterator().next()
              + " (IMAGESEARCH_WORKER_MODELS_*) is no longer read: set imagesearch.models.vgg16"
              + " and imagesearch.models.clip (IMAGESEARCH_MODELS_VGG16, IMAGESEARCH_MODELS_CLIP),"
              + " the names search-api reads too.");
    }
  }
}
