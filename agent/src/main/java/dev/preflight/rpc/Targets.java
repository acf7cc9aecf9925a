package dev.preflight.rpc;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Connects to a running JVM named by the user: a pid (attach API), a JMX service URL, or a Jolokia URL.
 *
 * <pre>{@code
 * RpcClient client = Targets.connect("12345", Map.of("url", "jdbc:postgresql://db/app"), null, null, System.err);
 * }</pre>
 */
final class Targets {

    static final String JOBS = "dev.preflight:type=Jobs";

    private Targets() {
    }

    /** What kind of target {@code text} names, or null when it names none. */
    static String kind(String text) {
        if (text.matches("\\d+")) {
            return "pid";
        }
        if (text.startsWith("service:jmx:")) {
            return "jmx";
        }
        if (text.startsWith("http://") || text.startsWith("https://")) {
            return "jolokia";
        }
        return null;
    }

    /**
     * @param config   settings for a pid's agent ({@code url}, {@code user}, ...), when it has none loaded yet
     * @param user     the JMX or Jolokia user, or null
     * @param password its password, or null
     * @param tls      the certificates an https Jolokia must present ({@code --trust}); null = the JDK's defaults
     */
    static RpcClient connect(String target, Map<String, String> config, String user, String password,
                             SSLContext tls, PrintStream err) {
        return switch (String.valueOf(kind(target))) {
            case "pid" -> attach(target, config, err);
            case "jmx" -> jmx(target, user, password);
            case "jolokia" -> jolokia(target, user, password, tls);
            default -> throw RpcException.rejected("not a target: '" + target
                    + "'; give a pid, a JMX service URL (service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi) or a"
                    + " Jolokia URL (http://HOST:PORT/jolokia)");
        };
    }

    private static RpcClient attach(String pid, Map<String, String> config, PrintStream err) {
        String name = "pid " + pid;
        if (ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
            throw RpcException.unreachable("no process with pid " + pid + " (it does not exist)", null);
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException e) {
            throw RpcException.unreachable("process " + pid + " exists but cannot be attached to (" + e.getMessage()
                    + "): is it a JVM of the same user, started without -XX:+DisableAttachMechanism?", e);
        }
        try {
            JmxClient client = new JmxClient(JMXConnectorFactory.connect(new JMXServiceURL(
                    vm.startLocalManagementAgent())), name);
            if (client.isRegistered(JOBS)) {
                if (!config.isEmpty()) {
                    err.println("preflight: " + name + " already has Preflight's MBeans; ignoring "
                            + config.keySet().stream().map(k -> "--" + k).collect(Collectors.joining(", ")));
                }
                return client;
            }
            // agentmain registers the MBeans (and never migrates); errors go to the target's stderr.
            vm.loadAgent(agentJar().toString(), agentArguments(config));
            if (!client.isRegistered(JOBS)) {
                client.close();
                throw RpcException.rejected("loaded Preflight's agent into " + name + " but it registered no MBeans:"
                        + " see that process's output (a configuration error? give --url=... and the other settings"
                        + " here, or set them in its environment)");
            }
            return client;
        } catch (IOException | AgentLoadException | AgentInitializationException e) {
            throw RpcException.unreachable("attached to " + name + " but could not talk to it: " + e.getMessage(), e);
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                // Detached by the target's end; nothing to do.
            }
        }
    }

    /** Agent arguments are {@code k=v} pairs joined by commas; lists inside a value use {@code ;} there. */
    static String agentArguments(Map<String, String> config) {
        return config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replace(',', ';'))
                .collect(Collectors.joining(","));
    }

    /** The jar this class runs from: the agent jar, loaded into the target as it is. */
    private static Path agentJar() {
        try {
            Path jar = Path.of(Targets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                throw RpcException.rejected("rpc by pid loads the agent jar into the target, but this runs from "
                        + jar + ": run it from preflight-agent.jar (bin/preflight does)");
            }
            return jar;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RpcClient jmx(String target, String user, String password) {
        JMXServiceURL url;
        try {
            url = new JMXServiceURL(target);
        } catch (MalformedURLException e) {
            throw RpcException.rejected("not a JMX service URL: " + target + " (" + e.getMessage()
                    + "); e.g. service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi");
        }
        Map<String, Object> env = new HashMap<>();
        if (user != null) {
            env.put(JMXConnector.CREDENTIALS, new String[] {user, password});
        }
        try {
            return new JmxClient(JMXConnectorFactory.connect(url, env), target);
        } catch (SecurityException e) {
            throw RpcException.unreachable(target + " refused the credentials" + (user == null
                    ? ": it needs a user: give --user NAME and the password in PREFLIGHT_RPC_PASSWORD"
                    : " of user " + user + ": check --user and PREFLIGHT_RPC_PASSWORD"), e);
        } catch (IOException e) {
            throw RpcException.unreachable("cannot reach " + target + ": " + rootMessage(e), e);
        }
    }

    private static RpcClient jolokia(String target, String user, String password, SSLContext tls) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            // Not e.getMessage(): it quotes the input, password and all.
            throw RpcException.rejected("not a Jolokia URL: " + printable(target) + "; e.g. http://127.0.0.1:8778/jolokia");
        }
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String infoUser = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
            String infoPassword = colon < 0 ? null : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
            user = user != null ? user : infoUser;
            password = password != null ? password : infoPassword;
            try {
                uri = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
            } catch (URISyntaxException e) {
                throw RpcException.rejected("not a Jolokia URL: " + printable(target));
            }
        }
        return new JolokiaClient(uri, user, password, tls);
    }

    /** The URL as it may be printed: without the password of {@code http://user:password@host/}. */
    static String printable(String target) {
        return target.replaceAll("^(https?://[^/:@]*):[^/@]*@", "$1:***@");
    }

    /** The innermost cause, named, e.g. {@code ConnectException: Connection refused}. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage()
                : " (nothing listens there?)");
    }
}
