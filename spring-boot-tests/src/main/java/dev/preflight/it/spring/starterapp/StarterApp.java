package dev.preflight.it.spring.starterapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import java.util.Map;

/**
 * A Spring Boot web application with Preflight's starter, actuator and Prometheus, as a team would write it: the
 * endpoints it exposes are its own defaults (a file or the command line can change them).
 */
@SpringBootApplication
public class StarterApp {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(StarterApp.class);
        application.setDefaultProperties(Map.of(
                "management.endpoints.web.exposure.include", "health,preflight,prometheus",
                "management.endpoint.health.probes.enabled", "true",
                "management.endpoint.health.show-details", "always"));
        application.run(args);
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        System.out.println("STARTER APP READY");
    }
}
