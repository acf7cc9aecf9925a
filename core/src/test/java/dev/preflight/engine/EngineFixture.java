package dev.preflight.engine;

import dev.preflight.Preflight;
import dev.preflight.PreflightConfig;
import dev.preflight.testing.MigrationFiles;
import dev.preflight.testing.TestDatabase;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A per-test database plus schema and data migration folders, and Preflight instances over them. */
final class EngineFixture {

    final TestDatabase db;
    final MigrationFiles files;
    final MigrationFiles data;

    EngineFixture(TestDatabase db, Path tmp) {
        this.db = db;
        this.files = new MigrationFiles(tmp.resolve("migrations"));
        this.data = new MigrationFiles(tmp.resolve("data-migrations"));
    }

    Preflight open(String... extraSettings) {
        Map<String, String> settings = new HashMap<>();
        settings.put("url", db.url());
        settings.put("locations", files.dir().toString());
        settings.put("data-locations", data.dir().toString());
        settings.put("connect-retry", "2s");
        for (int i = 0; i < extraSettings.length; i += 2) {
            settings.put(extraSettings[i], extraSettings[i + 1]);
        }
        return Preflight.open(PreflightConfig.fromProperties(settings));
    }

    java.util.List<String> history() throws java.sql.SQLException {
        return db.queryColumn("select kind || ':' || coalesce(version, name) || ':' || success"
                + " from preflight_schema_history order by installed_rank");
    }
}
