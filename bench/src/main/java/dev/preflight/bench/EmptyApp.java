package dev.preflight.bench;

/** The application of a Preflight no-op start: the agent does the work before this empty main. */
public final class EmptyApp {

    private EmptyApp() {
    }

    public static void main(String[] args) {
        // Nothing: what is measured is the JVM plus the agent's start-up run.
    }
}
