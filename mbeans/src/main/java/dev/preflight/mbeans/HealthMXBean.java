package dev.preflight.mbeans;

/**
 * Where the agent's start-up stands, as {@code dev.preflight:type=Health}: what the {@code /ready} endpoint answers,
 * for JConsole and Jolokia. With a JMX connector configured on the command line
 * ({@code -Dcom.sun.management.jmxremote.port=...}) the agent registers it before migrating, so an operator can
 * watch a long start-up migration; otherwise with the other beans, once start-up is over.
 */
public interface HealthMXBean {

    @Description("True once the start-up migrations are done and the ready policy holds (/ready answers 200)")
    boolean isReady();

    @Description("starting, waiting-for-db, waiting-for-lock, migrating, waiting-for-port, ready, failed or off")
    String getState();

    @Description("The state as JSON, as /ready answers it: done, total, repo, the current migration, progress, error")
    String getReport();
}
