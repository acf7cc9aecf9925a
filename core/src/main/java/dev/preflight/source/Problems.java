package dev.preflight.source;

import dev.preflight.MigrationException;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with the migration files, so that one run reports every misnamed or broken file at
 * once instead of making the user fix them one failed start at a time; and the warnings: files Preflight reads
 * although their own tool would not, or reads differently.
 */
final class Problems {

    private final List<String> messages = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** Records one problem: a sentence that names the file(s) and says what to do. */
    void add(String message) {
        messages.add(message);
    }

    /** Records a warning: a sentence that names the file and line, what differs from its tool, and what to do. */
    void warn(String message) {
        warnings.add(message);
    }

    List<String> warnings() {
        return warnings;
    }

    /** Adds {@code other}'s problems and warnings after these, in their order. */
    void addAll(Problems other) {
        messages.addAll(other.messages);
        warnings.addAll(other.warnings);
    }

    /** True when there is no problem (warnings do not count). */
    boolean isEmpty() {
        return messages.isEmpty();
    }

    /** @throws MigrationException listing every problem, when there is any */
    void throwIfAny() {
        if (messages.isEmpty()) {
            return;
        }
        if (messages.size() == 1) {
            throw new MigrationException(messages.get(0));
        }
        StringBuilder text = new StringBuilder(messages.size() + " problems with the migration files:");
        for (String message : messages) {
            text.append("\n  - ").append(message);
        }
        throw new MigrationException(text.toString());
    }
}
