package dev.imagesearch.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that uses {@link RealServers}. The servers it starts are stopped, and their
 * files deleted, when the test JVM's last test has run, whether the tests passed or not.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealServersExtension.class)
public @interface WithRealServers {}
