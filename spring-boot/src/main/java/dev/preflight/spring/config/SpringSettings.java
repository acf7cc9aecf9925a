package dev.preflight.spring.config;

import dev.preflight.PreflightConfig;
import dev.preflight.config.ApplicationSetting;
import dev.preflight.config.ConfigKey;
import dev.preflight.config.ConfigKeys;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Preflight's configuration from a Spring Boot Environment: every {@code preflight.*} property, with Boot's relaxed
 * binding and precedence ({@code application.yml}, profiles, {@code PREFLIGHT_LOCK_WAIT} in the environment, {@code -D},
 * the command line, ...), under the same keys as everywhere ({@link ConfigKeys}: {@code preflight.lock-wait},
 * {@code preflight.audit.url}). A property under {@code preflight.} that is no key is an error with a "did you mean" and
 * its origin, except in the environment, which other tools share.
 *
 * <pre>{@code
 * PreflightConfig config = SpringSettings.read(environment);
 * }</pre>
 */
public final class SpringSettings {

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("preflight");

    private SpringSettings() {
    }

    /** @throws dev.preflight.ConfigException naming each unknown key and invalid value with its origin */
    public static PreflightConfig read(Environment environment) {
        Binder binder = Binder.get(environment);
        Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
        List<ApplicationSetting> settings = new ArrayList<>();
        Map<ConfigurationPropertyName, String> known = new LinkedHashMap<>();
        ConfigKeys.all().forEach(key -> known.put(name(key.name()), key.name()));
        // The repos first: a repo's own keys are named after them.
        Optional<ApplicationSetting> repos = setting(binder, sources, ConfigKeys.REPOS, ConfigKeys.REPOS.name());
        repos.ifPresent(settings::add);
        List<String> repoNames = repos.map(r -> List.of(r.value().split(","))).orElse(List.of());
        for (ConfigKey key : ConfigKeys.all()) {
            if (key != ConfigKeys.REPOS) {
                setting(binder, sources, key, key.name()).ifPresent(settings::add);
            }
            if (key.scope() == ConfigKey.Scope.REPO) {
                for (String repo : repoNames) {
                    String own = repo.strip() + "." + key.name();
                    if (ConfigurationPropertyName.isValid("preflight." + own)) {
                        known.put(name(own), own);
                        setting(binder, sources, key, own).ifPresent(settings::add);
                    }
                }
            }
        }
        settings.addAll(unknown(sources, known));
        return PreflightConfig.fromApplication(settings);
    }

    private static Optional<ApplicationSetting> setting(Binder binder, Iterable<ConfigurationPropertySource> sources,
                                                        ConfigKey key, String keyName) {
        ConfigurationPropertyName name = name(keyName);
        Optional<String> value = key.list()
                ? binder.bind(name, Bindable.listOf(String.class)).map(list -> String.join(",", list)).map(Optional::of)
                        .orElse(Optional.empty())
                : binder.bind(name, Bindable.of(String.class)).map(Optional::of).orElse(Optional.empty());
        return value.map(text -> new ApplicationSetting(keyName, text, name.toString(), origin(sources, name)));
    }

    /**
     * Properties under {@code preflight.} that name no key, as they are written, so that core reports them with a
     * "did you mean". The environment is left out, as Preflight's own reading of it only warns: other tools share it.
     */
    private static List<ApplicationSetting> unknown(Iterable<ConfigurationPropertySource> sources,
                                                    Map<ConfigurationPropertyName, String> known) {
        Map<ConfigurationPropertyName, ApplicationSetting> unknown = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : sources) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)
                    || source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource) {
                continue;
            }
            iterable.stream().filter(PREFIX::isAncestorOf).forEach(name -> {
                ConfigurationPropertyName property = withoutIndex(name);
                if (!known.containsKey(property) && !unknown.containsKey(property)) {
                    String key = property.subName(1).toString();
                    unknown.put(property, new ApplicationSetting(key, "?", property.toString(), origin(source, name)));
                }
            });
        }
        return List.copyOf(unknown.values());
    }

    /** {@code preflight.locations[0]} is a part of {@code preflight.locations}. */
    private static ConfigurationPropertyName withoutIndex(ConfigurationPropertyName name) {
        ConfigurationPropertyName result = name;
        while (result.getNumberOfElements() > 1 && result.isLastElementIndexed()) {
            result = result.getParent();
        }
        return result;
    }

    /** Where Boot found it: {@code class path resource [application.yml] - 3:14}, {@code System Environment Property ...}. */
    private static String origin(Iterable<ConfigurationPropertySource> sources, ConfigurationPropertyName name) {
        for (ConfigurationPropertySource source : sources) {
            if (source.getConfigurationProperty(name) != null
                    || source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return origin(source, name);
            }
        }
        return "Spring Boot's Environment";
    }

    private static String origin(ConfigurationPropertySource source, ConfigurationPropertyName name) {
        ConfigurationProperty property = source.getConfigurationProperty(name);
        if (property == null) {
            property = source.getConfigurationProperty(name.append("[0]"));
        }
        if (property != null && property.getOrigin() != null) {
            return property.getOrigin().toString();
        }
        Object underlying = source.getUnderlyingSource();
        return underlying instanceof org.springframework.core.env.PropertySource<?> propertySource
                ? "property source " + propertySource.getName()
                : String.valueOf(underlying);
    }

    private static ConfigurationPropertyName name(String key) {
        return ConfigurationPropertyName.of("preflight." + key);
    }
}
