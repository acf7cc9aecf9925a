package dev.preflight.testing;

import dev.preflight.JavaMigration;
import dev.preflight.Kind;
import dev.preflight.backfill.Backfill;

import java.sql.Connection;

/**
 * A Java data migration that runs one backfill and wires nothing for its progress, as most authors write it: the
 * tests check that the running operation (CLI, JMX job) reports the progress anyway. Name the subclass
 * {@code V<version>__<Name>} and list it in a services file (see {@link TestServices}).
 *
 * <pre>{@code
 * public static final class V1__FillPerson extends BackfillMigration {
 *     public V1__FillPerson() {
 *         super(Backfill.of("person_n", "person", "id", "n = n + 1").batchSize(50));
 *     }
 * }
 * }</pre>
 */
public abstract class BackfillMigration implements JavaMigration {

    private final Backfill backfill;

    protected BackfillMigration(Backfill backfill) {
        this.backfill = backfill;
    }

    @Override
    public Kind kind() {
        return Kind.DATA;
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public void up(Connection c) throws Exception {
        backfill.run(c);
    }
}
