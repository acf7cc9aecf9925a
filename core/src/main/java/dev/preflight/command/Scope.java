package dev.preflight.command;

import dev.preflight.ConfigException;
import dev.preflight.Preflight;

/**
 * What a command's operation works with: its command line, the repo it runs on (one at a time), that repo's
 * {@link Preflight}, the application's jobs where there are any, and the surface it was asked from.
 *
 * @param repo the repo, or null for a command without one ({@link RepoPolicy#NONE})
 */
public record Scope(CommandLine line, String repo, Workspace workspace, Surface surface) {

    /** The repo's {@link Preflight}, owned by the workspace (do not close it). */
    public Preflight preflight() {
        if (repo == null) {
            throw new IllegalStateException(line.command() + " runs on no repo");
        }
        return workspace.preflight(repo);
    }

    /** The application's jobs; a usage error outside a running application. */
    public JobBoard jobs() {
        return workspace.jobs().orElseThrow(() -> new ConfigException(line.command() + " lists the jobs of a running"
                + " application: bin/preflight rpc <target> " + line.command()));
    }
}
