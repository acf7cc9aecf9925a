package dev.preflight.spring;

import dev.preflight.spring.metrics.PreflightMetrics;
import dev.preflight.spring.startup.StartupState;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** With Micrometer: Preflight's meters ({@link PreflightMetrics}) in the application's registry. */
@AutoConfiguration(after = {PreflightAutoConfiguration.class, MetricsAutoConfiguration.class,
        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class})
@ConditionalOnClass({MeterRegistry.class, MetricsAutoConfiguration.class})
@ConditionalOnBean({PreflightRepositories.class, MeterRegistry.class})
public class PreflightMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public PreflightMetrics preflightMetrics(MeterRegistry registry, StartupState state) {
        return new PreflightMetrics(registry, state);
    }
}
