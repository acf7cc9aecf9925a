package dev.preflight.testing;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real child JVM, started with the agent (or without, for comparison): a {@link ChildProcess}, so its output is
 * collected in files and it sees none of the build's {@code PREFLIGHT_*} settings.
 *
 * <pre>{@code
 * ChildJvm.Result r = ChildJvm.jar(appJar).agent("url=" + db.url()).systemProperty("app.url", db.url()).run();
 * }</pre>
 */
public final class ChildJvm extends ChildProcess {

    /** The shaded agent jar, built by the agent module before this one (passed in by the pom). */
    public static final Path AGENT_JAR = Path.of(required("preflight.agent.jar"));
    // Start faster: these JVMs are short-lived.
    private static final List<String> TUNING = List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1");

    private final List<String> main;
    private final List<String> jvmArguments = new ArrayList<>(TUNING);
    private String agentArguments;

    private ChildJvm(List<String> main, Path workDir) {
        this.main = main;
        in(workDir);
    }

    /** {@code java -jar jar}, in the jar's folder. */
    public static ChildJvm jar(Path jar) {
        return new ChildJvm(List.of("-jar", jar.toString()), jar.toAbsolutePath().getParent());
    }

    /** The agent jar's CLI, {@code java -jar preflight-agent.jar args}, in {@code workDir}. */
    public static ChildJvm cli(Path workDir, String... args) {
        List<String> main = new ArrayList<>(List.of("-jar", AGENT_JAR.toString()));
        main.addAll(List.of(args));
        return new ChildJvm(main, workDir);
    }

    /** {@code java -cp classPath mainClass}, in the folder of the first class path entry. */
    public static ChildJvm classPath(List<Path> classPath, String mainClass) {
        return new ChildJvm(List.of("-cp", String.join(File.pathSeparator, classPath.stream().map(Path::toString)
                .toList()), mainClass), classPath.get(0).toAbsolutePath().getParent());
    }

    /** Without the start-up tuning flags: the JVM as a user starts it, for measurements. */
    public ChildJvm untuned() {
        jvmArguments.removeAll(TUNING);
        return this;
    }

    /** {@code -javaagent:preflight-agent.jar=arguments}. */
    public ChildJvm agent(String arguments) {
        agentArguments = arguments;
        return this;
    }

    /** Any option of the JVM, e.g. {@code -Xmx256m}. */
    public ChildJvm jvmArgument(String argument) {
        jvmArguments.add(argument);
        return this;
    }

    public ChildJvm systemProperty(String key, String value) {
        jvmArguments.add("-D" + key + "=" + value);
        return this;
    }

    /** Any other JVM option, e.g. {@code -Xlog:class+load:file=classes.log}. */
    public ChildJvm jvmOption(String option) {
        jvmArguments.add(option);
        return this;
    }

    /** A remote JMX connector on {@code port} of loopback, without authentication or TLS (as JConsole reaches it). */
    public ChildJvm remoteJmx(int port) {
        return systemProperty("com.sun.management.jmxremote.port", Integer.toString(port))
                .systemProperty("com.sun.management.jmxremote.authenticate", "false")
                .systemProperty("com.sun.management.jmxremote.ssl", "false")
                .systemProperty("com.sun.management.jmxremote.host", "127.0.0.1");
    }

    @Override
    protected List<String> argv() {
        List<String> full = new ArrayList<>();
        full.add(java());
        full.addAll(jvmArguments);
        if (agentArguments != null) {
            full.add("-javaagent:" + AGENT_JAR + (agentArguments.isEmpty() ? "" : "=" + agentArguments));
        }
        full.addAll(main);
        return full;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; run these tests with Maven"
                    + " (the pom of every module that starts the agent passes it)");
        }
        return value;
    }
}
