package dev.preflight.spring;

import dev.preflight.MigrationListener;
import dev.preflight.Preflight;
import dev.preflight.spring.config.SpringSettings;
import dev.preflight.spring.startup.Listeners;
import dev.preflight.spring.startup.StartupMigration;
import dev.preflight.spring.startup.StartupState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import javax.sql.DataSource;

/**
 * Preflight in a Spring Boot 3 application: its configuration from Boot's Environment ({@code preflight.*}, the keys of
 * every other surface), the {@link PreflightRepositories} bean on the application's {@code DataSource}, and start-up
 * ({@code startup=migrate} by default) before the beans that use the database, as Boot's Flyway integration does, or in
 * the background with {@code preflight.spring.background=true}; nothing when the Preflight agent already ran start-up in
 * this JVM. Active when the application has a {@code DataSource} or {@code preflight.url} is set; exclude this class to
 * turn Preflight off.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Preflight.class)
@Conditional(PreflightAutoConfiguration.DataSourceOrUrl.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class PreflightAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public PreflightRepositories preflightRepositories(Environment environment, ResourceLoader resourceLoader,
                                                       ObjectProvider<DataSource> dataSource,
                                                       @PreflightDataSource ObjectProvider<DataSource> preflightDataSource,
                                                       ObjectProvider<MigrationListener> listeners) {
        DataSource chosen = preflightDataSource.getIfAvailable(dataSource::getIfUnique);
        return new PreflightRepositories(SpringSettings.read(environment), chosen, resourceLoader.getClassLoader(),
                () -> new Listeners(listeners.orderedStream().toList()));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public StartupState preflightStartupState(PreflightRepositories repos) {
        return new StartupState(repos);
    }

    @Bean
    @ConditionalOnMissingBean
    public StartupMigration preflightStartupMigration(PreflightRepositories repos, StartupState state) {
        return new StartupMigration(repos, state);
    }

    /** A DataSource to migrate with, or a url of Preflight's own. */
    static final class DataSourceOrUrl extends AnyNestedCondition {

        DataSourceOrUrl() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        private static final class ApplicationDataSource {
        }

        @ConditionalOnProperty(prefix = "preflight", name = "url")
        private static final class OwnUrl {
        }
    }
}
