package dev.preflight.task;

import dev.preflight.ConfigException;
import dev.preflight.TaskArguments;
import dev.preflight.TaskParameter;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arguments as text, typed parsing, defaults, and the messages of every kind of wrong argument. */
class TaskArgumentsTest {

    static final List<TaskParameter> PARAMETERS = List.of(
            TaskParameter.date("older-than", "purge before this day").asRequired(),
            TaskParameter.bool("dry-run", "only count").withDefault("true"),
            TaskParameter.integer("limit", "at most this many"),
            TaskParameter.longValue("batch", "rows per batch").withDefault("10000"),
            TaskParameter.choice("mode", "what to purge", "done", "all").withDefault("done"),
            TaskParameter.string("tables", "which tables"));

    @Test
    void textFormCommaNotFollowedByANameBelongsToTheValueBefore() {
        assertEquals(Map.of("tables", "a,b", "last", "2"), TaskArguments.pairs("tables=a,b,last=2"));
        assertEquals(Map.of("a", "1", "b", "x y", "c", "2020-01-01"), TaskArguments.pairs("a=1,b=x y,c=2020-01-01"));
        assertEquals(Map.of("expr", "a=b"), TaskArguments.pairs("expr=a=b"));
        assertEquals(Map.of(), TaskArguments.pairs(" "));
        assertEquals(Map.of("tables", "x,y", "dry-run", "false"),
                TaskArguments.pairs(List.of("tables=x,y", "dry-run=false")));
        ConfigException e = assertThrows(ConfigException.class, () -> TaskArguments.pairs("oops,a=1"));
        assertTrue(e.getMessage().contains("name=value"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> TaskArguments.pairs("a=1,a=2"));
        assertTrue(e.getMessage().contains("a is given twice"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> TaskArguments.pairs(List.of("a=1", "b")));
        assertTrue(e.getMessage().contains("`b`"), e.getMessage());
    }

    @Test
    void valuesAreTypedAndDefaultsApplied() {
        TaskArguments args = TaskArguments.parse(PARAMETERS,
                TaskArguments.pairs("older-than=2024-02-29,limit=5,mode=ALL,batch=5000000000"));
        assertEquals(LocalDate.of(2024, 2, 29), args.date("older-than"));
        assertTrue(args.bool("dry-run"));
        assertEquals(5, args.integer("limit"));
        assertEquals(5_000_000_000L, args.longValue("batch"));
        assertEquals("all", args.string("mode"), "an enum value is returned as declared");
        assertFalse(args.has("tables"));
        assertNull(args.string("tables"));
        assertEquals("older-than=2024-02-29,limit=5,mode=all,batch=5000000000,dry-run=true", args.toString());
        assertThrows(IllegalArgumentException.class, () -> args.integer("nope"));
        assertThrows(IllegalArgumentException.class, () -> args.integer("older-than"));
    }

    @Test
    void everyWrongArgumentIsNamedAndEveryParameterListed() {
        ConfigException e = assertThrows(ConfigException.class, () -> TaskArguments.parse(PARAMETERS,
                Map.of("older-than", "31.12.2024", "limt", "3", "dry-run", "maybe", "mode", "some")));
        String m = e.getMessage();
        assertTrue(m.contains("older-than must be a date yyyy-MM-dd"), m);
        assertTrue(m.contains("`31.12.2024`"), m);
        assertTrue(m.contains("unknown parameter `limt` (did you mean limit?)"), m);
        assertTrue(m.contains("dry-run must be true or false"), m);
        assertTrue(m.contains("mode must be one of done, all"), m);
        for (TaskParameter p : PARAMETERS) {
            assertTrue(m.contains(p.usage()), m);
        }
        e = assertThrows(ConfigException.class, () -> TaskArguments.parse(PARAMETERS, Map.of("limit", "x")));
        assertTrue(e.getMessage().contains("missing parameter older-than"), e.getMessage());
        assertTrue(e.getMessage().contains("limit must be a whole number (int), got `x`"), e.getMessage());
    }

    @Test
    void usageLinesSayTypeRequiredOrDefault() {
        assertEquals("older-than (date yyyy-MM-dd, required): purge before this day", PARAMETERS.get(0).usage());
        assertEquals("dry-run (boolean, default true): only count", PARAMETERS.get(1).usage());
        assertEquals("limit (int, optional): at most this many", PARAMETERS.get(2).usage());
        assertEquals("mode (one of done|all, default done): what to purge", PARAMETERS.get(4).usage());
    }

    @Test
    void aTaskAuthorsMistakesFailAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> TaskParameter.integer("n", "").withDefault("ten"));
        assertThrows(IllegalArgumentException.class, () -> TaskParameter.string("has space", ""));
        assertThrows(IllegalArgumentException.class, () -> TaskParameter.choice("m", ""));
    }
}
