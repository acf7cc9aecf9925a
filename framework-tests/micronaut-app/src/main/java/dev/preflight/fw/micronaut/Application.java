package dev.preflight.fw.micronaut;

import io.micronaut.runtime.Micronaut;

/** A Micronaut application's main, as Micronaut Launch writes it. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
