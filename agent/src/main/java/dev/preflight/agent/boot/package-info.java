/**
 * Spring Boot's own configuration, read the way Boot reads it, for an application hooked by the agent without a
 * Preflight url: its {@code spring.datasource.*} (and Flyway's locations and schema) from the command line,
 * {@code SPRING_APPLICATION_JSON}, system properties, the environment (relaxed names) and {@code application.properties}
 * / {@code application.yml} with their profile variants, in the jar and in {@code ./} and {@code ./config/}. Here, in the
 * agent, because the agent is the only one that needs it: the {@code spring-boot} module asks Boot's Environment
 * itself, and core stays free of YAML and of Boot's rules.
 */
package dev.preflight.agent.boot;
