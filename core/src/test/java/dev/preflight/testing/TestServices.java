package dev.preflight.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A class loader that lists test classes in {@code META-INF/services}, as an application's jar lists its tasks and
 * Java migrations, without putting them on every test's class path.
 *
 * <pre>{@code
 * ClassLoader loader = new TestServices(tmp.resolve("cp")).add(Task.class, Fill.class)
 *         .add(JavaMigration.class, V1__FillPerson.class).loader();
 * }</pre>
 */
public final class TestServices {

    private final Path dir;
    private final Map<Class<?>, List<Class<?>>> services = new LinkedHashMap<>();

    /** The services files go to {@code dir/META-INF/services}. */
    public TestServices(Path dir) {
        this.dir = dir;
    }

    /** {@code implementations} listed as providers of {@code service}. */
    public TestServices add(Class<?> service, Class<?>... implementations) {
        services.put(service, List.of(implementations));
        return this;
    }

    /** Writes the services files; a loader over them whose parent is the tests' class loader. */
    public URLClassLoader loader() {
        try {
            Path folder = Files.createDirectories(dir.resolve("META-INF/services"));
            for (Map.Entry<Class<?>, List<Class<?>>> e : services.entrySet()) {
                Files.writeString(folder.resolve(e.getKey().getName()),
                        e.getValue().stream().map(c -> c.getName() + "\n").collect(Collectors.joining()));
            }
            return new URLClassLoader(new URL[] {dir.toUri().toURL()}, TestServices.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
