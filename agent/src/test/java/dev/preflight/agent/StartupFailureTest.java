package dev.preflight.agent;

import dev.preflight.ConfigException;
import dev.preflight.DatabaseUnavailableException;
import dev.preflight.LockTimeoutException;
import dev.preflight.MigrationException;
import dev.preflight.PreflightConfig;
import dev.preflight.command.ExitCode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupFailureTest {

    @Test
    void exitCodesFollowTheKindOfFailure() {
        assertEquals(1, ExitCode.of(new MigrationException("x")).code());
        assertEquals(2, ExitCode.of(new ConfigException("x")).code());
        assertEquals(3, ExitCode.of(new DatabaseUnavailableException("x")).code());
        assertEquals(4, ExitCode.of(new LockTimeoutException("x")).code());
        assertEquals(1, ExitCode.of(new IllegalStateException("x")).code());
    }

    @Test
    void screenSaysWhatFailedWhereAndWhatToDo() {
        String screen = StartupFailure.screen("migrate repo main",
                new MigrationException("migration 2 broken failed: db/migrations/2_broken.sql:3: syntax error"), true);
        assertTrue(screen.startsWith("preflight: start-up failed: migrate repo main\n"), screen);
        assertTrue(screen.contains("  migration 2 broken failed: db/migrations/2_broken.sql:3: syntax error\n"), screen);
        assertTrue(screen.contains("What to do: fix the migration"), screen);
        assertTrue(screen.contains("not started (exit code 1)"), screen);
        assertTrue(screen.contains("on-failure=continue"), screen);
        assertFalse(screen.contains("    at "), "no stack trace for a reported failure: " + screen);
        assertTrue(screen.lines().count() < 25, "one screen: " + screen);
    }

    @Test
    void continuingSaysTheApplicationStartsAnyway() {
        String screen = StartupFailure.screen("migrate repo main", new DatabaseUnavailableException("down"), false);
        assertTrue(screen.contains("the application starts anyway"), screen);
        assertFalse(screen.contains("exit code"), screen);
    }

    @Test
    void anUnexpectedErrorShowsItsTypeAndWhereItHappened() {
        String screen = StartupFailure.screen("migrate repo main", new IllegalStateException("boom"), true);
        assertTrue(screen.contains("java.lang.IllegalStateException: boom"), screen);
        assertTrue(screen.contains("    at "), screen);
    }

    @Test
    void onFailureDecidesWhetherTheJvmExits() {
        assertTrue(StartupFailure.exits(PreflightConfig.fromProperties(Map.of())));
        assertFalse(StartupFailure.exits(PreflightConfig.fromProperties(Map.of("on-failure", "continue"))));
    }
}
