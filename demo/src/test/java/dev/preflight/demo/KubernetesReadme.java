package dev.preflight.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes examples of README.md, read from the file, so that the tests deploy exactly what the README tells
 * users to deploy: a changed example changes the test. Only the parts a container needs are read: its {@code env}
 * values (not {@code valueFrom}), its {@code command}, and its probes' paths and ports.
 *
 * <pre>{@code
 * KubernetesReadme.Container app = KubernetesReadme.example(0).container("app");
 * app.env().get("JAVA_TOOL_OPTIONS")   // -javaagent:/opt/preflight-agent.jar=health.port=8081,ready=port:8080
 * }</pre>
 */
final class KubernetesReadme {

    /** Where the examples put the agent jar; the tests put the built one there. */
    static final String AGENT_PATH = "/opt/preflight-agent.jar";

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CONTAINER = Pattern.compile("(?m)^  - name: (\\S+)\n((?:    .*\n?)*)");
    private static final Pattern ENV = Pattern.compile("- name: (\\w+)\n\\s+value: \"?([^\"\n]*)\"?");
    private static final Pattern COMMAND = Pattern.compile("command: \\[(.*)]");
    private static final Pattern PROBE = Pattern.compile("(livenessProbe|readinessProbe):\\s+\\{httpGet: \\{path: (\\S+),"
            + " port: (\\d+)}");

    /** One container of an example. */
    record Container(String name, Map<String, String> env, List<String> command, Map<String, Probe> probes) {
    }

    /** A probe: {@code httpGet} path and port. */
    record Probe(String path, int port) {
    }

    /** One example: its containers by name (init containers included). */
    record Example(Map<String, Container> containers) {

        Container container(String name) {
            Container container = containers.get(name);
            if (container == null) {
                throw new AssertionError("README's Kubernetes example has no container " + name + ": "
                        + containers.keySet());
            }
            return container;
        }
    }

    private KubernetesReadme() {
    }

    /** The {@code index}-th YAML example of README's Kubernetes section. */
    static Example example(int index) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("\n## Kubernetes");
        int end = readme.indexOf("\n## ", start + 1);
        Matcher blocks = YAML_BLOCK.matcher(readme.substring(start, end));
        List<String> yaml = new ArrayList<>();
        while (blocks.find()) {
            yaml.add(blocks.group(1));
        }
        if (index >= yaml.size()) {
            throw new AssertionError("README's Kubernetes section has " + yaml.size() + " YAML examples, not " + (index + 1));
        }
        return parse(yaml.get(index));
    }

    private static Example parse(String yaml) {
        Map<String, Container> containers = new LinkedHashMap<>();
        Matcher container = CONTAINER.matcher(yaml);
        while (container.find()) {
            String body = container.group(2);
            Map<String, String> env = new LinkedHashMap<>();
            Matcher e = ENV.matcher(body);
            while (e.find()) {
                env.put(e.group(1), e.group(2));
            }
            Matcher c = COMMAND.matcher(body);
            List<String> command = c.find() ? Arrays.stream(c.group(1).split(","))
                    .map(word -> word.strip().replaceAll("^\"|\"$", "")).toList() : List.of();
            Map<String, Probe> probes = new LinkedHashMap<>();
            Matcher p = PROBE.matcher(body);
            while (p.find()) {
                probes.put(p.group(1), new Probe(p.group(2), Integer.parseInt(p.group(3))));
            }
            containers.put(container.group(1), new Container(container.group(1), env, command, probes));
        }
        return new Example(containers);
    }
}
