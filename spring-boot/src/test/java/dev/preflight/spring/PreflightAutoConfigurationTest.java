package dev.preflight.spring;

import dev.preflight.MigrateResult;
import dev.preflight.MigrationListener;
import dev.preflight.Preflight;
import dev.preflight.spring.actuate.PreflightEndpoint;
import dev.preflight.spring.startup.RepoState;
import dev.preflight.spring.startup.StartupState;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auto-configuration in real application contexts on a real PostgreSQL: Boot's own DataSource, JdbcTemplate,
 * health endpoint and Micrometer registry, with Preflight's beans as a Boot application gets them.
 */
class PreflightAutoConfigurationTest {

    @RegisterExtension
    final TestDatabase db = TestDatabase.perTest();
    @TempDir
    Path tmp;

    private MigrationFiles files;
    private ApplicationContextRunner app;

    @BeforeEach
    void application() {
        files = new MigrationFiles(tmp.resolve("migrations"));
        app = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, PreflightAutoConfiguration.class,
                        EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                        HealthEndpointAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
                        AvailabilityProbesAutoConfiguration.class, PreflightActuatorAutoConfiguration.class,
                        MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, PreflightMetricsAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.url(),
                        "preflight.locations=" + files.dir(),
                        "management.endpoint.health.probes.enabled=true",
                        "management.endpoint.health.show-details=always");
    }

    @Test
    void migratesWithTheApplicationsDataSourceBeforeTheBeansThatUseIt() throws Exception {
        files.table("1");
        files.dbmate("2", "greeting", "create table greeting (text text); insert into greeting values ('hello');",
                null);

        app.withUserConfiguration(ReadsAtStartup.class).run(context -> {
            assertEquals(null, context.getStartupFailure());
            assertEquals("hello", context.getBean(ReadsAtStartup.class).greeting,
                    "a bean using JdbcTemplate in its constructor saw the migrated table");
            assertTrue(context.getBean(StartupState.class).get("main").ready());
        });
        assertEquals(List.of("1", "2"), db.queryColumn("select version from preflight_schema_history order by 1"));
    }

    @Test
    void aFailedMigrationFailsTheStartAndNothingOfItStays() throws Exception {
        files.table("1");
        files.dbmate("2", "broken", "create table t2 (id int); select no_such_function();", null);

        app.run(context -> {
            Throwable failure = context.getStartupFailure();
            assertNotNull(failure);
            assertTrue(rootMessage(failure).contains("no_such_function"), rootMessage(failure));
        });
        assertEquals(List.of("1"), db.queryColumn("select version from preflight_schema_history"));
        assertFalse(db.tableExists("t2"));
    }

    @Test
    void withOnFailureContinueTheAppStartsNotReadyAndTheFailureIsCounted() {
        files.dbmate("1", "broken", "select no_such_function();", null);

        app.withPropertyValues("preflight.on-failure=continue").run(context -> {
            assertEquals(null, context.getStartupFailure());
            RepoState main = context.getBean(StartupState.class).get("main");
            assertEquals(RepoState.Phase.FAILED, main.phase());
            assertTrue(main.reason().contains("no_such_function"), main.reason());
            started(context);
            assertEquals(Status.DOWN, readiness(context.getBean(HealthEndpoint.class)));
            assertEquals(1.0, context.getBean(MeterRegistry.class).get("preflight.migration.failures")
                    .tags("repo", "main", "operation", "migrate").counter().count());
        });
    }

    @Test
    void readinessIsDownWhilePendingAndUpOnceMigrated() {
        files.table("1");

        app.withPropertyValues("preflight.startup=off").run(context -> {
            started(context);
            HealthEndpoint health = context.getBean(HealthEndpoint.class);
            StartupState state = context.getBean(StartupState.class);
            assertEquals(1, state.get("main").pending());
            assertEquals(Status.DOWN, readiness(health));
            assertEquals(Status.UP, health.healthForPath("liveness").getStatus(), "never killed for pending migrations");

            context.getBean(PreflightRepositories.class).get("main").migrate();
            state.refresh("main");

            assertEquals(Status.UP, readiness(health));
            assertEquals(0, state.get("main").pending());
        });
    }

    @Test
    void metersCountMigrationsTheLockAndTheGauges() {
        files.table("1");
        files.table("2");
        files.table("3");

        app.run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertEquals(3, meters.get("preflight.migration.duration").tags("repo", "main", "operation", "migrate")
                    .timer().count());
            assertEquals(1, meters.get("preflight.lock.wait").tag("repo", "main").timer().count());
            assertEquals(0.0, meters.get("preflight.migrations.pending").tag("repo", "main").gauge().value());
            assertEquals(3.0, meters.get("preflight.migrations.applied").tag("repo", "main").gauge().value());
            assertEquals(0.0, meters.get("preflight.migration.failures").tags("repo", "main", "operation", "rollback")
                    .counter().count());
        });
    }

    @Test
    void theApplicationsOwnListenerBeansFollowEveryMigration() {
        files.table("1");
        files.table("2");

        app.withUserConfiguration(Recording.class).run(context -> {
            assertEquals(List.of("main 1", "main 2"), context.getBean(Recording.class).seen);
        });
    }

    @Test
    void theEndpointAnswersTheStatusAsStatusJsonDoes() {
        files.table("1");

        app.withPropertyValues("management.endpoints.web.exposure.include=preflight").run(context -> {
            String json = context.getBean(PreflightEndpoint.class).status();
            assertEquals(context.getBean(PreflightRepositories.class).get("main").status().toJson(), json);
            assertTrue(json.startsWith("{\"repo\":\"main\",\"currentVersion\":\"1\",\"pending\":0"), json);
        });
    }

    @Test
    void theEndpointsWritesAnswerTheCommandsJsonAndTheirErrorsWithTheHttpStatusOfTheExitCode() throws Exception {
        files.table("1");
        files.dbmate("2", "wait_for_the_test", "select pg_advisory_xact_lock_shared(4242);", null);

        // Called as a bean: the endpoint's access (read-only by default) is the web layer's, as StarterTest shows.
        app.withPropertyValues("management.endpoints.web.exposure.include=preflight", "preflight.startup=off",
                        "preflight.lock-wait=300ms", "preflight.lock-timeout=10m")
                .run(context -> {
                    PreflightEndpoint endpoint = context.getBean(PreflightEndpoint.class);
                    WebEndpointResponse<String> one = endpoint.operate("main", "migrate", 1, null, null, null, null);
                    assertEquals(200, one.getStatus(), one.getBody());
                    assertTrue(one.getBody().startsWith("{\"repo\":\"main\",\"operation\":\"migrate\",\"millis\":"),
                            one.getBody());

                    // Another instance migrates 2, which waits for the test: it holds the migration lock meanwhile.
                    try (Connection test = db.connect(); Statement s = test.createStatement()) {
                        s.execute("select pg_advisory_lock(4242)");
                        Preflight other = context.getBean(PreflightRepositories.class).reader("main");
                        CompletableFuture<MigrateResult> holder = CompletableFuture.supplyAsync(other::migrate);
                        while (!"1".equals(db.queryValue("select count(*) from pg_locks where locktype = 'advisory'"
                                + " and not granted and objid = 4242 and database = (select oid from pg_database"
                                + " where datname = current_database())"))) {
                            Thread.sleep(50);
                        }
                        WebEndpointResponse<String> waited = endpoint.operate("main", "migrate", null, null, null,
                                null, null);
                        assertEquals(409, waited.getStatus(), waited.getBody());
                        assertTrue(waited.getBody().startsWith("{\"error\":{\"code\":\"lock-timeout\",\"message\":"),
                                waited.getBody());
                        s.execute("select pg_advisory_unlock(4242)");
                        assertEquals(1, holder.get().migrations().size());
                    }

                    files.dbmate("3", "broken", "select 1;\nselect no_such_function();", null);
                    WebEndpointResponse<String> failed = endpoint.operate("main", "migrate", null, null, null, null,
                            null);
                    assertEquals(500, failed.getStatus(), failed.getBody());
                    assertTrue(failed.getBody().startsWith("{\"error\":{\"code\":\"failed\",\"message\":"),
                            failed.getBody());
                    assertTrue(failed.getBody().contains("3_broken.sql:3: ERROR: function no_such_function() does not"
                            + " exist"), failed.getBody());
                });
        assertEquals(List.of("1", "2"), db.queryColumn("select version from preflight_schema_history order by 1"));
    }

    @Test
    void aTypoInApplicationPropertiesFailsTheStartWithADidYouMean() {
        app.withPropertyValues("preflight.lock-wiat=10m").run(context -> {
            String message = rootMessage(context.getStartupFailure());
            assertTrue(message.contains("Unknown key `preflight.lock-wiat`"), message);
            assertTrue(message.contains("did you mean `preflight.lock-wait`?"), message);
        });
    }

    /** What SpringApplication publishes once the application has started (a context runner does not). */
    private static void started(ApplicationContext context) {
        AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }

    private static Status readiness(HealthEndpoint health) {
        HealthComponent readiness = health.healthForPath("readiness");
        return readiness.getStatus();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Configuration(proxyBeanMethods = false)
    static class ReadsAtStartup {

        final String greeting;

        ReadsAtStartup(JdbcTemplate jdbc) {
            this.greeting = jdbc.queryForObject("select text from greeting", String.class);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Recording {

        final List<String> seen = new CopyOnWriteArrayList<>();

        @Bean
        MigrationListener recorder() {
            return new MigrationListener() {
                @Override
                public void migrationFinished(String repo, String operation, int index, int total, String id,
                                              String name, long millis) {
                    seen.add(repo + " " + id);
                }
            };
        }
    }
}
