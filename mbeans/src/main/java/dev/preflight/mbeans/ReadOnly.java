package dev.preflight.mbeans;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An MXBean operation that changes nothing: its JMX impact is {@code INFO} (JConsole shows it so; every other
 * operation is {@code ACTION}), and a read-only Jolokia ({@code jolokia.read-only=true}) still lets it run.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReadOnly {
}
