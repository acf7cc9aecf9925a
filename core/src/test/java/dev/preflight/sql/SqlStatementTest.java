package dev.preflight.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlStatementTest {

    private static SqlStatement statement(String sql) {
        return new SqlStatement(sql, 1, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE INDEX CONCURRENTLY i ON t (c)",
            "create unique index concurrently if not exists i on t (c)",
            "DROP INDEX CONCURRENTLY IF EXISTS i",
            "REINDEX INDEX CONCURRENTLY i",
            "REINDEX TABLE CONCURRENTLY t",
            "REINDEX (VERBOSE, CONCURRENTLY) TABLE t",
            "REINDEX (CONCURRENTLY true) INDEX i",
            "REINDEX SCHEMA public",
            "REINDEX DATABASE app",
            "REINDEX (VERBOSE) SYSTEM app",
            "VACUUM",
            "VACUUM (ANALYZE) t",
            "CREATE DATABASE app",
            "DROP DATABASE IF EXISTS app",
            "CREATE TABLESPACE fast LOCATION '/ssd'",
            "DROP TABLESPACE fast",
            "CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p",
            "DROP SUBSCRIPTION s",
            "ALTER SYSTEM SET work_mem = '64MB'",
            "ALTER DATABASE app SET TABLESPACE fast",
            "DISCARD ALL",
            "CLUSTER",
            "CLUSTER VERBOSE",
            "CLUSTER (VERBOSE)",
            "ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY",
            "ALTER TABLE IF EXISTS \"s\".\"t\" DETACH PARTITION s.p CONCURRENTLY",
            "COMMIT PREPARED 'tx1'",
            "ROLLBACK PREPARED 'tx1'",
            "/* why */ CREATE -- because\n INDEX /* now */ CONCURRENTLY i ON t (c)"})
    void statementsThePostgresRefusesInATransactionBlockAreDetected(String sql) {
        assertTrue(statement(sql).cannotRunInTransaction(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE INDEX i ON t (c)",
            "CREATE UNIQUE INDEX i ON t (c)",
            "CREATE INDEX concurrently_named ON t (c)",
            "DROP INDEX i",
            "REINDEX INDEX i",
            "REINDEX TABLE t",
            "REINDEX (CONCURRENTLY false) INDEX i",
            "REINDEX (VERBOSE) TABLE t",
            "ANALYZE t",
            "CREATE TABLE database (id int)",
            "ALTER DATABASE app SET work_mem = '64MB'",
            "ALTER TABLE t ADD COLUMN c int",
            "ALTER TABLE t DETACH PARTITION p",
            "ALTER TABLE t DETACH PARTITION p FINALIZE",
            "CLUSTER t",
            "CLUSTER VERBOSE t USING i",
            "DISCARD PLANS",
            "REFRESH MATERIALIZED VIEW CONCURRENTLY v",
            "ALTER TYPE mood ADD VALUE 'meh'",
            "COMMIT",
            "SELECT 'CREATE INDEX CONCURRENTLY'",
            "-- VACUUM\nSELECT 1",
            ""})
    void statementsThatRunInATransactionBlockAreNotFlagged(String sql) {
        assertFalse(statement(sql).cannotRunInTransaction(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "BEGIN", "begin transaction isolation level serializable", "BEGIN WORK", "START TRANSACTION",
            "COMMIT", "COMMIT AND CHAIN", "END", "ROLLBACK", "ROLLBACK TO SAVEPOINT s", "ABORT", "SAVEPOINT s",
            "RELEASE SAVEPOINT s", "RELEASE s", "PREPARE TRANSACTION 'tx1'", "COMMIT PREPARED 'tx1'",
            "ROLLBACK PREPARED 'tx1'", "/* c */ commit"})
    void transactionControlIsDetected(String sql) {
        assertTrue(statement(sql).isTransactionControl(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "BEGIN ATOMIC", "PREPARE q AS SELECT 1", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
            "DO $$ BEGIN COMMIT; END $$", "START_TIME", "SELECT 'COMMIT'", "CREATE TABLE savepoint_log ()"})
    void otherStatementsAreNotTransactionControl(String sql) {
        assertFalse(statement(sql).isTransactionControl(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1", "select * from t", "(SELECT 1) UNION (SELECT 2)", "VALUES (1), (2)", "TABLE t", "SHOW work_mem",
            "EXPLAIN SELECT 1", "FETCH 10 FROM c",
            "WITH x AS (SELECT 1) SELECT * FROM x",
            "WITH RECURSIVE r(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM r) SELECT n FROM r",
            "WITH d AS (DELETE FROM t RETURNING *) INSERT INTO log SELECT * FROM d RETURNING id",
            "INSERT INTO t VALUES (1) RETURNING id",
            "UPDATE t SET a = (SELECT 1) RETURNING *",
            "DELETE FROM t WHERE a IN (SELECT a FROM u) RETURNING a",
            "SELECT a FROM t WHERE b IN (SELECT b INTO x FROM u)",
            "-- comment\nSELECT 1"})
    void statementsThatReturnRowsAreDetected(String sql) {
        assertTrue(statement(sql).returnsRows(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "DELETE FROM t", "CREATE TABLE t AS SELECT 1",
            "SELECT * INTO t2 FROM t", "WITH d AS (DELETE FROM t RETURNING *) INSERT INTO log SELECT * FROM d",
            "WITH x AS (SELECT 1) UPDATE t SET a = 1", "CALL p()", "SET search_path = app", "DO $$ SELECT 1 $$",
            "INSERT INTO t VALUES ('RETURNING')", ""})
    void statementsWithoutRowsAreNotFlagged(String sql) {
        assertFalse(statement(sql).returnsRows(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO t VALUES (1)", "insert into t select * from u", "UPDATE t SET a = 1", "DELETE FROM t",
            "MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE", "CREATE TABLE t (id int)",
            "CREATE TABLE t AS SELECT 1", "ALTER TABLE t ADD COLUMN c int", "DROP TABLE t", "COMMENT ON TABLE t IS 'x'",
            "GRANT SELECT ON t TO r", "SET search_path = app", "RESET ALL", "DO $$ BEGIN PERFORM 1; END $$",
            "TRUNCATE t", "WITH d AS (DELETE FROM t RETURNING *) INSERT INTO log SELECT * FROM d",
            "WITH RECURSIVE x AS (SELECT 1) UPDATE t SET a = 1", "INSERT INTO t VALUES ('RETURNING')",
            "/* seed */ INSERT INTO t VALUES (1)"})
    void statementsSureToReturnNoRowsMayBeBatched(String sql) {
        assertTrue(statement(sql).returnsNoRows(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT nextval('s') FROM generate_series(1, 5)", "select pg_catalog.setval('s', 3, true)",
            "SELECT * INTO t2 FROM t", "INSERT INTO t VALUES (1) RETURNING id", "UPDATE t SET a = 1 RETURNING *",
            "WITH x AS (SELECT 1) SELECT * FROM x", "WITH x AS (INSERT INTO t VALUES (1) RETURNING id) SELECT * FROM x",
            "CALL p()", "VALUES (1)", "TABLE t", "EXPLAIN ANALYZE SELECT 1", "COPY t TO STDOUT", "(SELECT 1)",
            "EXECUTE prepared_one", "FETCH ALL FROM c", ""})
    void statementsThatMayReturnRowsAreNotBatched(String sql) {
        assertFalse(statement(sql).returnsNoRows(), sql);
    }

    @Test
    void classificationSurvivesTextThatIsNotAStatement() {
        SqlStatement broken = statement("CREATE INDEX 'unterminated");
        assertFalse(broken.cannotRunInTransaction());
        assertFalse(broken.returnsRows());
        assertFalse(statement("/* open").isTransactionControl());
    }

    @Test
    void sqlIsRequired() {
        assertThrows(NullPointerException.class, () -> new SqlStatement(null, 1, null));
    }
}
