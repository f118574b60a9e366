package dev.imagesearch.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Stops the real servers when JUnit closes its root context, at the end of the test run. */
final class RealServersExtension implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .computeIfAbsent(RealServersExtension.class, key -> (AutoCloseable) RealServers::stopAll);
  }
}
