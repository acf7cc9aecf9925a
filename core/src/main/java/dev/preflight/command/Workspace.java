package dev.preflight.command;

import dev.preflight.Preflight;

import java.util.List;
import java.util.Optional;

/**
 * Where commands find their repos: the CLI and eval open them from the configuration for one command, the MBeans
 * hold them open for the life of the application and also have {@link JobBoard jobs}.
 *
 * <pre>{@code
 * try (LocalWorkspace workspace = new LocalWorkspace(PreflightConfig::load, loader)) {
 *     Output output = new Execution(workspace, Surface.CLI).run(CommandLine.parse("status"));
 * }
 * }</pre>
 */
public interface Workspace {

    /** The configured repos, the default (first) one first. */
    List<String> repos();

    /** The repo's {@link Preflight}, opened on first use and closed by the workspace's owner. */
    Preflight preflight(String repo);

    /** The jobs of a running application; empty elsewhere. */
    default Optional<JobBoard> jobs() {
        return Optional.empty();
    }
}
