package dev.preflight.source;

import dev.preflight.JavaMigration;
import dev.preflight.Kind;
import dev.preflight.Version;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Java migrations: the {@link JavaMigration} services of the application's class loader (listed in
 * {@code META-INF/services/dev.preflight.JavaMigration}) whose {@link JavaMigration#repo()} is the repository
 * asked for and whose {@link JavaMigration#kind()} is the kind asked for. They have no files, so they are not a
 * {@link Layout}; their versions share one order with the SQL migrations.
 */
final class JavaMigrations {

    /** Java migrations decide their transaction in code ({@link JavaMigration#transactional()}). */
    static final Tool TOOL = new Tool() {
        @Override
        public String name() {
            return "java";
        }

        @Override
        public String noTransactionMarker() {
            return "`transactional()` returning false";
        }
    };

    private static final String SERVICES = "META-INF/services/" + JavaMigration.class.getName();

    private JavaMigrations() {
    }

    static List<Migration> load(ClassLoader loader, String repo, Kind kind, Problems problems) {
        List<Migration> out = new ArrayList<>();
        Iterator<JavaMigration> services = ServiceLoader.load(JavaMigration.class, loader).iterator();
        while (true) {
            JavaMigration java;
            try {
                if (!services.hasNext()) {
                    break;
                }
                java = services.next();
            } catch (ServiceConfigurationError e) {
                // The iterator cannot be trusted to move past a broken entry, so stop at the first one.
                problems.add("A Java migration listed in " + SERVICES + " cannot be loaded: " + e.getMessage()
                        + ": fix the class name in that file, or give the class a public no-argument constructor");
                break;
            }
            Migration migration = migration(java, repo, kind, problems);
            if (migration != null) {
                out.add(migration);
            }
        }
        return out;
    }

    private static Migration migration(JavaMigration java, String repo, Kind kind, Problems problems) {
        String type = java.getClass().getName();
        try {
            if (!repo.equals(java.repo())) {
                return null;
            }
            Kind own = java.kind();
            if (own != Kind.SCHEMA && own != Kind.DATA) {
                problems.add("Java migration " + type + " has kind " + own + ": a Java migration is SCHEMA or DATA");
                return null;
            }
            if (own != kind) {
                return null;
            }
            Version version;
            try {
                version = Version.parse(java.version());
            } catch (IllegalArgumentException e) {
                problems.add("Java migration " + type + " has an unusable version: " + e.getMessage()
                        + "; name the class V<version>__<Name> or override version()");
                return null;
            }
            String name = java.name();
            if (name == null || name.isBlank()) {
                problems.add("Java migration " + type + " has no name: override name() to return a short description");
                return null;
            }
            return new Migration(kind, version, name, TOOL, null, null, java.transactional(), java.checksum(), java);
        } catch (RuntimeException e) {
            // A migration's own methods (version() on a badly named class, or a bug) must not hide the others.
            problems.add("Java migration " + type + " cannot be read: " + e.getMessage());
            return null;
        }
    }
}
