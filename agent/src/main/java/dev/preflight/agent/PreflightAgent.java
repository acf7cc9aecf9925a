package dev.preflight.agent;

import java.lang.instrument.Instrumentation;

/** Placeholder: the agent is being written (issue: the -javaagent and CLI). */
public final class PreflightAgent {

    private PreflightAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        System.err.println("preflight: the agent is not built yet; the application starts without migrating");
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        premain(args, instrumentation);
    }
}
