package dev.preflight.lint;

import dev.preflight.sql.SqlStatement;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the current transaction of a script holds: the strong locks it took on existing tables (kept until it
 * commits), the constraints it added NOT VALID, the enum types it created and the enum values it added. Cleared
 * when the transaction ends: at COMMIT/ROLLBACK, after each statement of a script that runs outside a transaction,
 * and at the end of the script.
 */
final class TransactionState {

    /** Existing tables locked against writes or reads, with the statement that took the lock. */
    private final Map<String, Locks.Lock> locked = new LinkedHashMap<>();
    private final Set<String> notValid = new HashSet<>();
    private final Set<String> typesCreated = new HashSet<>();
    /** Enum values added in this transaction, as the literal written ({@code 'meh'}), with their ADD VALUE. */
    private final Map<String, SqlStatement> addedValues = new LinkedHashMap<>();

    void clear() {
        locked.clear();
        notValid.clear();
        typesCreated.clear();
        addedValues.clear();
    }

    void lock(Locks.Lock lock) {
        locked.putIfAbsent(lock.table().toString(), lock);
    }

    /** The first strong lock the transaction holds on {@code table}, or null. */
    Locks.Lock lockOn(ObjectName table) {
        return locked.get(table.toString());
    }

    /** The first strong lock the transaction holds on any existing table, or null. */
    Locks.Lock anyLock() {
        return locked.isEmpty() ? null : locked.values().iterator().next();
    }

    void addedNotValid(ObjectName table, String constraint) {
        notValid.add(table + "." + constraint);
    }

    boolean isNotValidHere(ObjectName table, String constraint) {
        return notValid.contains(table + "." + constraint);
    }

    void createdType(ObjectName type) {
        typesCreated.add(type.toString());
    }

    boolean typeCreatedHere(ObjectName type) {
        return typesCreated.contains(type.toString());
    }

    void addedValue(String literal, SqlStatement addValue) {
        addedValues.putIfAbsent(literal, addValue);
    }

    Map<String, SqlStatement> addedValues() {
        return addedValues;
    }
}
