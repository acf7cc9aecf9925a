package dev.preflight.spring;

import org.springframework.beans.factory.annotation.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code DataSource} Preflight migrates with, when the application has several or wants a separate one
 * for migrations (a DDL owner role), as Boot's {@code @FlywayDataSource} does.
 *
 * <pre>{@code
 * @Bean @PreflightDataSource
 * DataSource migrations() { return DataSourceBuilder.create().url(url).username("owner").build(); }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface PreflightDataSource {
}
