package dev.preflight.agent.boot;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One of Spring Boot's property sources (command line, JSON, system properties, environment, one document of an
 * application file), looked up by a property's canonical name with Boot's relaxed rules: {@code spring.datasource.url}
 * also finds {@code spring.datasource.URL} and {@code spring.flyway.default-schema} finds {@code defaultSchema} and
 * {@code default_schema}; in the environment, {@code SPRING_FLYWAY_DEFAULTSCHEMA} and {@code SPRING_FLYWAY_DEFAULT_SCHEMA}.
 */
abstract class PropertySource {

    /** The value of {@code name} (canonical kebab-case, e.g. {@code spring.flyway.locations[0]}), if set here. */
    abstract Optional<BootValue> get(String name);

    /** Properties as written (file, -D, command line, JSON): matched on their relaxed form. */
    static PropertySource of(Map<String, String> written, Function<String, String> origin) {
        Map<String, BootValue> byForm = new LinkedHashMap<>();
        written.forEach((name, value) -> byForm.put(relaxed(name), new BootValue(value, origin.apply(name))));
        return new PropertySource() {
            @Override
            Optional<BootValue> get(String name) {
                return Optional.ofNullable(byForm.get(relaxed(name)));
            }
        };
    }

    /** The environment: a variable named as Boot maps a property to one, or the property's own name. */
    static PropertySource environment(Map<String, String> env) {
        return new PropertySource() {
            @Override
            Optional<BootValue> get(String name) {
                String upper = envName(name, false);
                String noTrailing = upper.endsWith("_") ? upper.substring(0, upper.length() - 1) : upper;
                for (String variable : new String[] {upper, noTrailing, envName(name, true), name}) {
                    String value = env.get(variable);
                    if (value != null) {
                        return Optional.of(new BootValue(value, "env " + variable));
                    }
                }
                return Optional.empty();
            }
        };
    }

    /**
     * The form two relaxed names share: lower case, without dashes and underscores inside an element, indexes kept
     * ({@code spring.flyway.default-schema}, {@code spring.flyway.defaultSchema} -> {@code spring.flyway.defaultschema}).
     */
    static String relaxed(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /**
     * Boot's environment name: dots (and an index's brackets) as underscores, dashes removed, upper case
     * ({@code SPRING_FLYWAY_DEFAULTSCHEMA}); with {@code legacy}, dashes as underscores too ({@code ..._DEFAULT_SCHEMA}).
     */
    static String envName(String name, boolean legacy) {
        String dashes = legacy ? name.replace('-', '_') : name.replace("-", "");
        return dashes.replace('.', '_').replace('[', '_').replace("]", "_").replace("__", "_")
                .toUpperCase(Locale.ROOT);
    }
}
