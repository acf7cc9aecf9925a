package dev.preflight.agent;

import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.config.Startup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;

/**
 * The start-up run itself, a thin loop over the public API: for each configured repository, in order,
 * {@code startup=migrate} applies every pending schema migration, {@code validate} fails when anything is pending
 * or drifted, {@code off} does nothing. Connections are closed after each repository; the engine logs one line per
 * migration with its time and a summary line per repository.
 */
final class StartupRun {

    private static final Logger LOG = LoggerFactory.getLogger("preflight");

    /** A failed run: what was being done (e.g. {@code migrate repo main}) and the error. */
    record Failure(String what, Throwable error) {
    }

    private StartupRun() {
    }

    static boolean isOff(PreflightConfig config) {
        return config.startup() == Startup.OFF;
    }

    static void off(HealthState health) {
        LOG.info("startup=off: no start-up migrations");
        health.off();
    }

    /**
     * @param loader finds classpath locations and Java migrations: the application's class loader
     * @return the failure, if any repository failed (the ones after it are not touched)
     */
    static Optional<Failure> run(PreflightConfig config, ClassLoader loader, HealthState health) {
        if (isOff(config)) {
            off(health);
            return Optional.empty();
        }
        Startup mode = config.startup();
        for (String repo : config.repoNames()) {
            health.repoStarted(repo);
            try (Preflight preflight = Preflight.open(config.repo(repo), loader, health)) {
                if (mode == Startup.VALIDATE) {
                    StartupValidation.check(preflight, repo);
                } else {
                    preflight.migrate();
                }
            } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
                // The errors: a Java migration of the application that cannot be found or loaded.
                return Optional.of(new Failure(mode.name().toLowerCase(Locale.ROOT) + " repo " + repo, e));
            }
        }
        health.migrated();
        return Optional.empty();
    }
}
