package dev.preflight.it.app;

import java.util.logging.LogManager;

/**
 * An application that sets up {@code java.util.logging} itself in the first line of its main, as Quarkus does (and
 * an application using Log4j's or JBoss's manager may): the JVM creates its LogManager once, from that property,
 * so this only works when nothing touched {@code java.util.logging} before. It prints which manager it got.
 */
public final class OwnLoggingApp {

    /** The application's own manager. */
    public static final class OwnLogManager extends LogManager {
        public OwnLogManager() {
            super();
        }
    }

    /** Loaded by the first line of main: the JVM's class-loading log shows where main begins. */
    public static final class FirstLine {
        static void reached() {
            // Loading this class is the point.
        }
    }

    private OwnLoggingApp() {
    }

    public static void main(String[] args) {
        FirstLine.reached();
        System.setProperty("java.util.logging.manager", OwnLogManager.class.getName());
        System.out.println("LOG MANAGER " + LogManager.getLogManager().getClass().getName());
    }
}
