package dev.preflight.agent;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether this JVM is the application's, decided before the agent reads its configuration, binds a port or
 * touches the database. {@code JAVA_TOOL_OPTIONS=-javaagent:preflight-agent.jar} reaches every JVM in a container:
 * {@code java -version}, {@code jcmd}, {@code jps}, {@code keytool}, {@code jshell} (and the JVM jshell starts to
 * run snippets). In those the agent must do nothing at all.
 *
 * <p>The rule: a JVM is the application's when {@code hook} is set (agent argument, {@code -Dpreflight.hook} or
 * {@code PREFLIGHT_HOOK}: the user said what to run before), or when it was started with {@code -jar}, or when its
 * main class is on the application's class path or module path. It is not when the JVM names no main class
 * ({@code java -version}, a JVM created through JNI) or when its main class comes from the Java runtime image
 * itself (every JDK tool) or from this agent's own jar (its CLI, {@code rpc}: run in a container that sets
 * {@code JAVA_TOOL_OPTIONS}, they would otherwise migrate twice). Only the cheapest sources are read for {@code hook}: the configuration proper may not
 * even load in a JDK tool's JVM, whose module graph lacks {@code java.sql}.
 *
 * <pre>{@code
 * ApplicationJvm.whyNot(args, System.getProperty("sun.java.command"), System.getProperty("java.class.path"))
 * // Optional[main class sun.tools.jcmd.JCmd is part of the Java runtime (a JDK tool)]
 * }</pre>
 */
final class ApplicationJvm {

    /** {@code ConfigKeys.HOOK}, spelt out: this runs before any of the configuration's classes may load. */
    static final String HOOK_KEY = "hook";

    private ApplicationJvm() {
    }

    /**
     * Why this JVM is not the application's, or empty when it is (or may be: when in doubt the agent acts, as
     * before, and reports what it cannot resolve).
     *
     * @param agentArguments the raw text after {@code -javaagent:preflight-agent.jar=}
     * @param javaCommand    {@code sun.java.command}
     * @param classPath      {@code java.class.path}
     */
    static Optional<String> whyNot(String agentArguments, String javaCommand, String classPath) {
        if (hookConfigured(agentArguments)) {
            return Optional.empty();
        }
        String command = javaCommand == null ? "" : javaCommand.strip();
        if (command.isEmpty()) {
            return Optional.of("the JVM names no main class (java -version, or a JVM created by a native launcher);"
                    + " set " + HOOK_KEY + "=Class#method to act in it");
        }
        String jar = jarOf(command, classPath);
        if (jar != null) {
            return isAgentJar(Path.of(jar))
                    ? Optional.of("it runs Preflight's own command line (java -jar " + jar + ")")
                    : Optional.empty();
        }
        String mainClass = mainClassOf(command);
        if (isRuntimeModule(command)) {
            return Optional.of("main class " + mainClass + " is part of the Java runtime (a JDK tool)");
        }
        URL where = ClassLoader.getSystemClassLoader().getResource(mainClass.replace('.', '/') + ".class");
        if (where == null) {
            return Optional.of("main class " + mainClass + " is not on the class path (the JVM will say so itself)");
        }
        if ("jrt".equals(where.getProtocol())) {
            return Optional.of("main class " + mainClass + " is part of the Java runtime (a JDK tool)");
        }
        if (isAgentJar(codeSourceOf(where))) {
            return Optional.of("main class " + mainClass + " is Preflight's own (CLI, rpc)");
        }
        return Optional.empty();
    }

    /** {@code jdk.jcmd/sun.tools.jcmd.JCmd}: a main class in a module of the runtime image, as JDK tools start. */
    private static boolean isRuntimeModule(String command) {
        String first = command.split("\\s+", 2)[0];
        int slash = first.indexOf('/');
        return slash > 0 && ModuleFinder.ofSystem().find(first.substring(0, slash)).isPresent();
    }

    /** Whether {@code jar} is the jar this agent was loaded from: the CLI, rpc and eval must not hook themselves. */
    private static boolean isAgentJar(Path jar) {
        Path own = ownJar();
        try {
            return own != null && jar != null && Files.isSameFile(own, jar);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Path ownJar() {
        try {
            return Path.of(ApplicationJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The jar of a {@code jar:file:/x.jar!/a/B.class} URL; null for anything else. */
    private static Path codeSourceOf(URL resource) {
        String text = resource.toString();
        int bang = text.indexOf("!/");
        if (!text.startsWith("jar:") || bang < 0) {
            return null;
        }
        try {
            return Path.of(new URI(text.substring(4, bang)));
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static boolean hookConfigured(String agentArguments) {
        if (System.getProperty("preflight." + HOOK_KEY) != null || System.getenv("PREFLIGHT_HOOK") != null) {
            return true;
        }
        if (agentArguments == null) {
            return false;
        }
        for (String token : agentArguments.split(",")) {
            if (token.strip().startsWith(HOOK_KEY + "=")) {
                return true;
            }
        }
        return false;
    }

    /** The jar started with {@code -jar}, or null when a main class was started. */
    static String jarOf(String command, String classPath) {
        // The class path of "java -jar x.jar" is exactly x.jar; comparing with it copes with spaces in the path,
        // which the space-separated sun.java.command cannot tell from the arguments.
        if (classPath != null && !classPath.isEmpty() && !classPath.contains(File.pathSeparator)
                && isJar(classPath) && command.startsWith(classPath)) {
            return classPath;
        }
        String first = command.split("\\s+", 2)[0];
        return isJar(first) ? first : null;
    }

    /** The main class of a command line that does not start a jar. */
    static String mainClassOf(String command) {
        String first = command.split("\\s+", 2)[0];
        // java -m module/com.example.Main reports "module/com.example.Main".
        return first.substring(first.indexOf('/') + 1);
    }

    private static boolean isJar(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".jar");
    }
}
