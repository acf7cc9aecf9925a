package dev.preflight.source;

import dev.preflight.MigrationException;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with the migration files, so that one run reports every misnamed or broken file at
 * once instead of making the user fix them one failed start at a time.
 */
final class Problems {

    private final List<String> messages = new ArrayList<>();

    /** Records one problem: a sentence that names the file(s) and says what to do. */
    void add(String message) {
        messages.add(message);
    }

    /** Adds {@code other}'s problems after these, in their order. */
    void addAll(Problems other) {
        messages.addAll(other.messages);
    }

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
