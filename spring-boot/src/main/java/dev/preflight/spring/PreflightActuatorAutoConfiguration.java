package dev.preflight.spring;

import dev.preflight.spring.actuate.PreflightEndpoint;
import dev.preflight.spring.actuate.PreflightHealthIndicator;
import dev.preflight.spring.actuate.ReadinessGroupMembership;
import dev.preflight.spring.startup.StartupState;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * With Spring Boot Actuator: the {@code /actuator/preflight} endpoint (read-only unless
 * {@code management.endpoint.preflight.access=unrestricted}; expose it with
 * {@code management.endpoints.web.exposure.include}), and the {@code preflight} health indicator, a member of the
 * readiness group ({@code management.health.preflight.enabled=false} turns it off).
 */
@AutoConfiguration(after = {PreflightAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
        AvailabilityProbesAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(PreflightRepositories.class)
public class PreflightActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    public PreflightEndpoint preflightEndpoint(PreflightRepositories repos, StartupState state) {
        return new PreflightEndpoint(repos, state);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnEnabledHealthIndicator(PreflightHealthIndicator.NAME)
    public PreflightHealthIndicator preflightHealthIndicator(StartupState state) {
        return new PreflightHealthIndicator(state);
    }

    @Bean
    @ConditionalOnEnabledHealthIndicator(PreflightHealthIndicator.NAME)
    public ReadinessGroupMembership preflightReadinessGroupMembership() {
        return new ReadinessGroupMembership();
    }
}
