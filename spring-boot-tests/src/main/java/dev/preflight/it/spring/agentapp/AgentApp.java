package dev.preflight.it.spring.agentapp;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot application that knows nothing of Preflight: its database is only in Boot's {@code spring.datasource.*}
 * (application.yml, the profile {@code it}, the environment). Once started it prints what Boot's own DataSource finds,
 * which proves that the agent migrated the database Boot uses, before the application ran.
 */
@SpringBootApplication
public class AgentApp {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(AgentApp.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args).close();
    }

    @Bean
    CommandLineRunner report(JdbcTemplate jdbc) {
        return args -> System.out.println("AGENT APP SAW " + jdbc.queryForList("select name from item order by name",
                String.class) + " IN " + jdbc.queryForObject("select current_database()", String.class));
    }
}
