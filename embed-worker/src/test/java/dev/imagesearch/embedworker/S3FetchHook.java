package dev.imagesearch.embedworker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Test-only: runs an action right before the worker fetches one original from S3, on the thread
 * that fetches it, to hold a listener (StallTest) or to kill the worker (HaltingWorker) there.
 */
public final class S3FetchHook implements BeanPostProcessor {
  private final Consumer<String> beforeFetch;

  /** {@code beforeFetch} gets the object key of every fetch. */
  public S3FetchHook(Consumer<String> beforeFetch) {
    this.beforeFetch = beforeFetch;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (!(bean instanceof S3AsyncClient s3)) {
      return bean;
    }
    return Proxy.newProxyInstance(
        S3AsyncClient.class.getClassLoader(),
        new Class<?>[] {S3AsyncClient.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getObject")) {
            beforeFetch.accept(key(args[0]));
          }
          try {
            return method.invoke(s3, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static String key(Object request) {
    return request instanceof GetObjectRequest get
        ? get.key()
        : GetObjectRequest.builder()
            .applyMutation((Consumer<GetObjectRequest.Builder>) request)
            .build()
            .key();
  }
}
