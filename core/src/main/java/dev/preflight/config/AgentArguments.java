package dev.preflight.config;

import dev.preflight.ConfigException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Agent arguments, the text after {@code -javaagent:preflight-agent.jar=}: {@code key=value} pairs separated
 * by {@code ,}, so list values are written with {@code ;} there.
 *
 * <pre>{@code
 * AgentArguments.parse("url=jdbc:postgresql://db/app,locations=db/a;db/b")
 * // {url=jdbc:postgresql://db/app, locations=db/a,db/b}
 * }</pre>
 */
public final class AgentArguments {

    private AgentArguments() {
    }

    /**
     * {@code url=jdbc:postgresql://db/app,locations=db/a;db/b} as a map, list values converted to the
     * comma form. A value may contain {@code =}; it cannot contain {@code ,}.
     *
     * @throws ConfigException naming an argument that is not {@code key=value}, or a key given twice
     */
    public static Map<String, String> parse(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        String previousKey = null;
        for (String token : arguments.split(",")) {
            if (token.isBlank()) {
                continue;
            }
            int equals = token.indexOf('=');
            if (equals < 0) {
                throw new ConfigException(noEquals(token, previousKey));
            }
            String key = token.substring(0, equals).strip();
            if (key.isEmpty()) {
                throw new ConfigException("An agent argument has no key before `=`; write key=value,key=value");
            }
            String value = token.substring(equals + 1);
            if (ConfigKeys.typeOf(key).map(ConfigKey::list).orElse(false)) {
                value = value.replace(';', ',');
            }
            if (result.put(key, value) != null) {
                throw new ConfigException("Agent argument `" + key + "` is given twice; give each key once");
            }
            previousKey = key;
        }
        return Collections.unmodifiableMap(result);
    }

    private static String noEquals(String token, String previousKey) {
        boolean afterSecret = previousKey != null
                && ConfigKeys.typeOf(previousKey).map(ConfigKey::secret).orElse(false);
        if (afterSecret) {
            // Most likely the rest of a password that contains a comma: do not echo it.
            return "Agent argument after `" + previousKey + "=` is not key=value; a password containing `,` cannot be"
                    + " an agent argument: set it with " + ConfigKeys.envName(previousKey) + " or in a config file";
        }
        return "Agent argument `" + token.strip() + "` is not key=value; write key=value,key=value"
                + " (lists with `;`, e.g. locations=db/a;db/b)";
    }
}
