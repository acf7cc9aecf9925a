package dev.preflight.agent.boot;

import dev.preflight.PreflightConfig;
import dev.preflight.RepoConfig;
import dev.preflight.config.ApplicationSetting;
import dev.preflight.config.DatabaseUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A Spring Boot application's datasource as Preflight's first repo, when Preflight itself has no url: the agent reads
 * {@code spring.datasource.url}, {@code username} and {@code password} (and, as a help for Flyway users,
 * {@code spring.flyway.locations} and {@code spring.flyway.default-schema} / {@code schemas}) from where Boot reads them
 * ({@link BootEnvironment}), and logs where each came from, never the password. Every Preflight setting still wins over
 * them ({@link ApplicationSetting}).
 *
 * <pre>{@code
 * config = SpringBootDatasource.apply(config, applicationLoader, agentArguments);
 * }</pre>
 */
public final class SpringBootDatasource {

    private static final Logger LOG = LoggerFactory.getLogger("preflight");

    private SpringBootDatasource() {
    }

    /**
     * {@code config} itself when it has a url for its first repo or the application is not a Spring Boot one, else the
     * configuration read again with Boot's datasource under Preflight's own settings.
     *
     * @param loader    the application's class loader (its jar's {@code BOOT-INF/classes} for a Boot fat jar)
     * @param arguments the agent arguments, read again with the rest
     * @throws dev.preflight.ConfigException for an application file that cannot be read or a placeholder set nowhere
     */
    public static PreflightConfig apply(PreflightConfig config, ClassLoader loader, Map<String, String> arguments) {
        return apply(config, loader, arguments, System.getenv(), System.getProperties(),
                commandLine(System.getProperty("sun.java.command")), Path.of(""));
    }

    static PreflightConfig apply(PreflightConfig config, ClassLoader loader, Map<String, String> arguments,
                                 Map<String, String> env, Properties system, List<String> commandLine, Path workDir) {
        if (config.defaultRepo().hasUrl() || loader.getResource("org/springframework/boot/SpringApplication.class")
                == null) {
            return config;
        }
        long start = System.nanoTime();
        BootEnvironment boot = BootEnvironment.load(loader, env, system, commandLine, workDir);
        Optional<BootValue> url = boot.get("spring.datasource.url");
        if (url.isEmpty()) {
            LOG.info("Spring Boot application without spring.datasource.url (profiles {}): Preflight needs a url of its"
                    + " own", boot.profiles());
            return config;
        }
        if (!url.get().text().toLowerCase(Locale.ROOT).contains(":postgresql:")) {
            LOG.warn("spring.datasource.url ({}) is {}, not PostgreSQL: Preflight does not use it and needs a url of"
                    + " its own", url.get().origin(), DatabaseUrls.mask(url.get().text()));
            return config;
        }
        List<ApplicationSetting> settings = new ArrayList<>();
        settings.add(setting("url", "spring.datasource.url", url.get()));
        // An empty username or password (`password:` in YAML) means none, as for Boot's own pool.
        boot.get("spring.datasource.username").filter(v -> !v.text().isBlank())
                .ifPresent(v -> settings.add(setting("user", "spring.datasource.username", v)));
        boot.get("spring.datasource.password").filter(v -> !v.text().isEmpty())
                .ifPresent(v -> settings.add(setting("password", "spring.datasource.password", v)));
        boot.list("spring.flyway.locations").ifPresent(v -> settings.add(new ApplicationSetting("locations",
                // Boot's Flyway integration replaces {vendor} with the database's id.
                v.text().replace("{vendor}", "postgresql"), "spring.flyway.locations", v.origin())));
        Optional<BootValue> schema = boot.get("spring.flyway.default-schema");
        if (schema.isPresent()) {
            settings.add(setting("schema", "spring.flyway.default-schema", schema.get()));
        } else {
            boot.list("spring.flyway.schemas").ifPresent(v -> settings.add(new ApplicationSetting("schema",
                    v.text().split(",")[0], "spring.flyway.schemas", v.origin())));
        }
        PreflightConfig withBoot = PreflightConfig.load(loader, arguments, settings);
        log(boot, settings, config.defaultRepo(), withBoot.defaultRepo(), (System.nanoTime() - start) / 1_000_000);
        warnAboutFlyway(boot, loader);
        return withBoot;
    }

    /** One line: each of Boot's values Preflight took and where it was, e.g. {@code url from env SPRING_DATASOURCE_URL}. */
    private static void log(BootEnvironment boot, List<ApplicationSetting> settings, RepoConfig before,
                            RepoConfig after, long millis) {
        List<String> used = new ArrayList<>();
        for (ApplicationSetting s : settings) {
            boolean taken = switch (s.key()) {
                case "url" -> true; // Preflight had none: that is why Boot's is read at all
                case "user" -> before.user().isEmpty();
                case "password" -> before.password().isEmpty();
                case "locations" -> after.locations().equals(Arrays.asList(s.value().split(",")));
                default -> after.schema().equals(s.value());
            };
            String shown = switch (s.key()) {
                case "url" -> " " + DatabaseUrls.mask(after.url());
                case "password" -> "";
                case "locations" -> " " + after.locations();
                case "user" -> " " + after.user().orElse("");
                default -> " " + after.schema();
            };
            used.add(s.key() + (taken ? shown + " from " + s.property() + " (" + s.origin() + ")"
                    : " from Preflight's own settings (" + s.property() + " not used)"));
        }
        LOG.info("Spring Boot application (profiles {}), repo {}: {} (read in {} ms)", boot.profiles(), after.name(),
                String.join(", ", used), millis);
        boot.get("spring.flyway.table").ifPresent(table -> LOG.info("spring.flyway.table={} ({}) is Flyway's history"
                + " table: Preflight keeps its own, {}.{}, and leaves {} as it is", table.text(), table.origin(),
                after.schema(), after.table(), table.text()));
    }

    /** Boot would run Flyway on the same migrations after the agent has: the second run would fail or repeat them. */
    private static void warnAboutFlyway(BootEnvironment boot, ClassLoader loader) {
        boolean flywayOnClassPath = loader.getResource("org/flywaydb/core/Flyway.class") != null;
        boolean enabled = boot.get("spring.flyway.enabled").map(v -> !v.text().strip().equalsIgnoreCase("false"))
                .orElse(true);
        if (flywayOnClassPath && enabled) {
            LOG.warn("Flyway is on the application's class path and spring.flyway.enabled is not false: Spring Boot will"
                    + " run Flyway too once it starts. Set spring.flyway.enabled=false so that only Preflight migrates");
        }
    }

    private static ApplicationSetting setting(String key, String property, BootValue value) {
        return new ApplicationSetting(key, value.text(), property, value.origin());
    }

    /** The words of {@code sun.java.command}: Boot's command-line properties are the {@code --name=value} among them. */
    static List<String> commandLine(String javaCommand) {
        return javaCommand == null ? List.of() : Arrays.asList(javaCommand.strip().split("\\s+"));
    }
}
