package dev.preflight.it;

import dev.preflight.testing.ChildJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the shaded agent jar holds, as an application's class path sees it: only Preflight's packages and
 * META-INF, no library at its root, no use of {@code java.util.logging} left, and every relocated call and service
 * name pointing at something that exists in the jar.
 */
class AgentJarTest {

    private static final String SHIM = "dev/preflight/logging/jul/";
    private static final String JOLOKIA_LISTS = "META-INF/services/dev/preflight/shaded/jolokia/";

    private static JarFile jar;
    private static List<JarEntry> entries;

    @BeforeAll
    static void open() throws IOException {
        jar = new JarFile(ChildJvm.AGENT_JAR.toFile());
        entries = Collections.list(jar.entries());
    }

    @Test
    void everyEntryIsPreflightsOrMetaInf() {
        List<String> foreign = entries.stream().map(JarEntry::getName)
                .filter(name -> !name.startsWith("META-INF/") && !name.startsWith("dev/preflight/")
                        && !name.equals("dev/"))
                .toList();
        assertEquals(List.of(), foreign, "libraries are relocated under dev/preflight/shaded, resources too");
        assertTrue(jar.getEntry("dev/preflight/shaded/jolokia/version.properties") != null);
    }

    @Test
    void noClassUsesJavaUtilLogging() throws IOException {
        List<String> users = new ArrayList<>();
        for (JarEntry entry : classes()) {
            String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
            if (text.contains("java/util/logging/")) {
                users.add(entry.getName());
            }
        }
        assertEquals(List.of(), users, "their java.util.logging calls go to " + SHIM);
    }

    @Test
    void everyCallIntoTheLoggingShimHasItsMember() throws Exception {
        Pattern member = Pattern.compile("(Method|Field) (" + SHIM + "\\w+)\\.(\"?[<>\\w]+\"?):(\\S+)");
        Set<String> missing = new TreeSet<>();
        int calls = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {ChildJvm.AGENT_JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (JarEntry entry : classes()) {
                String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                if (!text.contains(SHIM) || entry.getName().startsWith(SHIM)) {
                    continue;
                }
                Matcher m = member.matcher(javap(entry));
                while (m.find()) {
                    calls++;
                    Class<?> owner = loader.loadClass(m.group(2).replace('/', '.'));
                    String name = m.group(3).replace("\"", "");
                    if (!exists(owner, m.group(1), name, m.group(4))) {
                        missing.add(m.group(2) + "." + name + ":" + m.group(4) + " (called by " + entry.getName() + ")");
                    }
                }
            }
        }
        assertTrue(calls > 100, "pgjdbc calls its loggers: " + calls);
        assertEquals(Set.of(), missing);
    }

    @Test
    void everyClassInJolokiasServiceListsIsInTheJar() throws IOException {
        List<String> listed = new ArrayList<>();
        for (JarEntry entry : entries) {
            if (entry.getName().startsWith(JOLOKIA_LISTS) && !entry.isDirectory()) {
                for (String line : new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8)
                        .split("\n")) {
                    String name = line.strip().replaceAll(",.*", "");
                    if (!name.isEmpty() && !name.startsWith("#")) {
                        listed.add(name);
                    }
                }
            }
        }
        assertTrue(listed.size() > 20, listed::toString);
        List<String> absent = listed.stream()
                .filter(name -> jar.getEntry(name.replace('.', '/') + ".class") == null).toList();
        assertEquals(List.of(), absent);
        assertFalse(listed.stream().anyMatch(name -> name.startsWith("org.jolokia")), listed::toString);
    }

    private static List<JarEntry> classes() {
        return entries.stream().filter(e -> e.getName().endsWith(".class")).toList();
    }

    private static String javap(JarEntry entry) throws IOException {
        Path file = Files.createTempFile("agent-class", ".class");
        try {
            Files.write(file, jar.getInputStream(entry).readAllBytes());
            StringWriter out = new StringWriter();
            ToolProvider.findFirst("javap").orElseThrow()
                    .run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", file.toString());
            return out.toString();
        } finally {
            Files.delete(file);
        }
    }

    private static boolean exists(Class<?> owner, String kind, String name, String descriptor) {
        if (kind.equals("Field")) {
            for (Field field : owner.getDeclaredFields()) {
                if (field.getName().equals(name)
                        && MethodType.methodType(field.getType()).toMethodDescriptorString().equals("()" + descriptor)) {
                    return true;
                }
            }
            return false;
        }
        if (name.equals("<init>")) {
            for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
                if (MethodType.methodType(void.class, constructor.getParameterTypes()).toMethodDescriptorString()
                        .equals(descriptor)) {
                    return true;
                }
            }
            return false;
        }
        for (Method method : owner.getDeclaredMethods()) {
            if (method.getName().equals(name) && MethodType.methodType(method.getReturnType(),
                    method.getParameterTypes()).toMethodDescriptorString().equals(descriptor)) {
                return true;
            }
        }
        return false;
    }
}
