package dev.preflight.spring.startup;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

import java.util.Set;

/**
 * Tells Spring Boot that {@link StartupMigration} initialises the database, so that the beans that use it (JPA's
 * EntityManagerFactory, {@code JdbcTemplate}, ...) are created after it, as with Flyway. Listed in
 * {@code META-INF/spring.factories}.
 */
public final class PreflightDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(StartupMigration.class);
    }
}
