package dev.preflight.spring.startup;

import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.command.ExitCode;
import dev.preflight.command.Failure;
import dev.preflight.config.OnFailure;
import dev.preflight.config.Startup;
import dev.preflight.spring.PreflightRepositories;
import dev.preflight.spring.startup.RepoState.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import java.util.Locale;

/**
 * Start-up in a Spring Boot application, as {@code startup} says ({@code migrate}, {@code validate}, {@code off}):
 * by default when this bean is initialised, which Boot orders before the beans that use the DataSource (JPA,
 * {@code JdbcTemplate}, ...) through {@link PreflightDatabaseInitializerDetector}, as for Flyway; with
 * {@code spring.background=true} on a thread of its own while the application starts, readiness DOWN until it is done.
 * When the agent already ran start-up in this JVM, nothing runs here: it only reports.
 *
 * <p>A failure with {@code on-failure=exit} (the default) fails the application's start (in the background: ends the
 * JVM with the error's exit code, as the agent does); with {@code on-failure=continue} it is logged and readiness
 * stays DOWN with the error.
 */
public final class StartupMigration implements InitializingBean, DisposableBean {

    /** Set by the agent once it ran start-up: {@code dev.preflight.agent.StartupOutcome}. */
    public static final String AGENT_PROPERTY = "dev.preflight.agent.startup";
    private static final Logger LOG = LoggerFactory.getLogger(StartupMigration.class);

    private final PreflightRepositories repos;
    private final StartupState state;
    private Thread thread;

    public StartupMigration(PreflightRepositories repos, StartupState state) {
        this.repos = repos;
        this.state = state;
    }

    @Override
    public void afterPropertiesSet() {
        PreflightConfig config = repos.config();
        String agent = System.getProperty(AGENT_PROPERTY);
        if (agent != null) {
            LOG.info("The Preflight agent ran start-up in this JVM (startup={}): not run again, only reported", agent);
            Phase phase = agent.equals("failed") ? Phase.AGENT_FAILED : Phase.AGENT;
            for (String repo : repos.names()) {
                state.phase(repo, phase, null);
                state.refresh(repo);
            }
            return;
        }
        if (config.startup() == Startup.OFF) {
            LOG.info("startup=off: no start-up migrations");
            for (String repo : repos.names()) {
                state.phase(repo, Phase.OFF, null);
                state.refresh(repo);
            }
            return;
        }
        if (config.springBackground()) {
            thread = new Thread(this::runInBackground, "preflight-startup");
            thread.setDaemon(true);
            thread.start();
            return;
        }
        RuntimeException failure = runAll();
        if (failure != null && config.onFailure() == OnFailure.EXIT) {
            throw failure;
        }
    }

    private void runInBackground() {
        RuntimeException failure = runAll();
        if (failure != null && repos.config().onFailure() == OnFailure.EXIT) {
            int exit = ExitCode.of(failure).code();
            LOG.error("Start-up failed and on-failure=exit: ending the application (exit code {})", exit);
            // Boot's shutdown hook closes the context.
            System.exit(exit);
        }
    }

    /** Runs every repo in order; the first failure stops the rest and is returned (null when all went well). */
    private RuntimeException runAll() {
        PreflightConfig config = repos.config();
        for (String repo : repos.names()) {
            state.phase(repo, Phase.RUNNING, null);
            try {
                Preflight preflight = repos.get(repo);
                if (config.startup() == Startup.VALIDATE) {
                    preflight.validate().orThrow();
                    LOG.info("validate {}: files and database agree, nothing pending", repo);
                } else {
                    preflight.migrate();
                }
                state.phase(repo, Phase.DONE, null);
                state.refresh(repo);
            } catch (RuntimeException e) {
                String message = Failure.describe(e);
                LOG.error("Preflight start-up ({} repo {}) failed: {}", mode(config), repo, message);
                state.phase(repo, Phase.FAILED, message);
                return e;
            }
        }
        return null;
    }

    /** {@code migrate} or {@code validate}, as the key is written. */
    private static String mode(PreflightConfig config) {
        return config.startup().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void destroy() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
