package dev.preflight.spring.actuate;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;

import java.util.List;
import java.util.Set;

/**
 * Puts the {@code preflight} indicator into the {@code readiness} health group, so that {@code /actuator/health/readiness}
 * (the Kubernetes readiness probe) is DOWN while migrations are pending or failed. Boot's own readiness group (with
 * {@code management.endpoint.health.probes.enabled=true}, or on Kubernetes) and one the application defines itself both
 * get it; liveness never does, so a long migration is not killed. Runs after Boot's probes post-processor (its
 * auto-configuration is ordered after Boot's).
 */
public final class ReadinessGroupMembership implements HealthEndpointGroupsPostProcessor {

    static final String READINESS = "readiness";

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        return groups.get(READINESS) == null ? groups : new WithPreflight(groups);
    }

    private static final class WithPreflight implements HealthEndpointGroups, AdditionalPathsMapper {

        private final HealthEndpointGroups groups;

        WithPreflight(HealthEndpointGroups groups) {
            this.groups = groups;
        }

        @Override
        public HealthEndpointGroup getPrimary() {
            return groups.getPrimary();
        }

        @Override
        public Set<String> getNames() {
            return groups.getNames();
        }

        @Override
        public HealthEndpointGroup get(String name) {
            HealthEndpointGroup group = groups.get(name);
            return group != null && READINESS.equals(name) ? new Member(group) : group;
        }

        @Override
        public List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace namespace) {
            return groups instanceof AdditionalPathsMapper mapper ? mapper.getAdditionalPaths(endpointId, namespace)
                    : null;
        }
    }

    /** A group with {@code preflight} as one more member; everything else as the group says. */
    private record Member(HealthEndpointGroup group) implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return PreflightHealthIndicator.NAME.equals(name) || group.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return group.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return group.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return group.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return group.getAdditionalPath();
        }
    }
}
