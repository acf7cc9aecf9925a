package dev.preflight.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which lint rules run, from the {@code lint.rules} and {@code lint.conventions} settings. {@code lint.rules} is a
 * list applied in order: {@code hazards}, {@code conventions} or {@code all} turn a category on, a rule id turns one
 * rule on, {@code -<id>} (or {@code -hazards}, {@code -conventions}) turns it off; {@code none} starts from nothing.
 * The default is {@code hazards}; {@code lint.conventions=on} adds the conventions.
 *
 * <pre>{@code
 * RuleSelection.parse(List.of("hazards", "prefer-timestamptz", "-drop-or-rename"), false)
 *         .isOn(Rule.PREFER_TIMESTAMPTZ);   // true
 * }</pre>
 */
public final class RuleSelection {

    private static final List<String> WORDS = List.of("hazards", "conventions", "all", "none");

    private final Set<Rule> on;

    private RuleSelection(Set<Rule> on) {
        this.on = Collections.unmodifiableSet(on);
    }

    /** The hazards: what runs when nothing is configured. */
    public static RuleSelection defaults() {
        return parse(List.of("hazards"), false);
    }

    /** Every rule, hazards and conventions. */
    public static RuleSelection all() {
        return parse(List.of("all"), false);
    }

    /**
     * @param entries the {@code lint.rules} entries, in order
     * @param conventions {@code lint.conventions=on}: the conventions are added after the entries
     * @throws IllegalArgumentException naming an entry that is neither a category nor a rule id
     */
    public static RuleSelection parse(List<String> entries, boolean conventions) {
        Set<Rule> on = EnumSet.noneOf(Rule.class);
        List<String> all = new ArrayList<>(entries);
        if (conventions) {
            all.add("conventions");
        }
        for (String entry : all) {
            boolean off = entry.startsWith("-");
            List<Rule> rules = rules(off ? entry.substring(1) : entry);
            if (off) {
                rules.forEach(on::remove);
            } else {
                on.addAll(rules);
            }
        }
        return new RuleSelection(on);
    }

    private static List<Rule> rules(String name) {
        return switch (name) {
            case "hazards" -> Rule.of(Category.HAZARD);
            case "conventions" -> Rule.of(Category.CONVENTION);
            case "all" -> List.of(Rule.values());
            case "none" -> List.of();
            default -> List.of(Rule.byId(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown lint rule `" + name + "`")));
        };
    }

    /** Whether {@code name} (without a leading {@code -}) is a category word or a rule id. */
    public static boolean isName(String name) {
        return WORDS.contains(name) || Rule.byId(name).isPresent();
    }

    /** The category words and every rule id: what {@code lint.rules} accepts (each also with a leading {@code -}). */
    public static List<String> names() {
        List<String> names = new ArrayList<>(WORDS);
        Arrays.stream(Rule.values()).map(Rule::id).forEach(names::add);
        return names;
    }

    public boolean isOn(Rule rule) {
        return on.contains(rule);
    }

    /** The rules that run, in documentation order. */
    public List<Rule> rules() {
        return Arrays.stream(Rule.values()).filter(on::contains).toList();
    }

    @Override
    public String toString() {
        return rules().stream().map(Rule::id).toList().toString();
    }
}
