package dev.preflight.cli;

/** Placeholder: the CLI is being written (issue: the -javaagent and CLI). */
public final class PreflightCli {

    private PreflightCli() {
    }

    public static void main(String[] args) {
        System.err.println("preflight: the command-line interface is not built yet");
        System.exit(2);
    }
}
