package dev.preflight.source;

import dev.preflight.source.LayoutContractTest.Case;

import java.util.stream.Stream;

/**
 * The table of {@link LayoutContractTest#cases}: per tool, a folder and what its tool makes of it, each row citing the
 * line of the tool's source it mirrors (sources read: rubenv/sql-migrate 563a2f0, amacneil/dbmate f3e08f1,
 * pressly/goose 520411a, golang-migrate/migrate 18966c7, diesel-rs/diesel 04cc1b0, flyway/flyway c5e20fc).
 * A row that says "Preflight refuses" or "warns" is a deliberate difference, listed in README's layout table.
 */
final class LayoutCases {

    private LayoutCases() {
    }

    static Stream<Case> all() {
        return Stream.of(sqlMigrate(), dbmate(), goose(), golangMigrate(), diesel(), flyway(), mixed(), nearMisses())
                .flatMap(s -> s);
    }

    static Stream<Case> sqlMigrate() {
        return Stream.of(
                Case.of("sql-migrate: one number on two files runs them by file name",
                                "rubenv/sql-migrate migrate.go Migration.Less: equal VersionInt() -> `return m.Id < other.Id`")
                        .file("m/2_b.sql", "-- +migrate Up\nselect 'b';\n")
                        .file("m/2_a.sql", "-- +migrate Up\nselect 'a';\n")
                        .file("m/1_x.sql", "-- +migrate Up\nselect 'x';\n")
                        .expect("1 x [sql-migrate, tx] up@2: select 'x';/ | down: none",
                                "2 a [sql-migrate, tx] up@2: select 'a';/ | down: none",
                                "2 b [sql-migrate, tx] up@2: select 'b';/ | down: none"),
                Case.of("sql-migrate: a name that is only a number",
                                "rubenv/sql-migrate migrate.go findMigrations: `strings.HasSuffix(info.Name(), \".sql\")`, "
                                        + "numberPrefixRegex `^(\\d+).*$`")
                        .file("m/1.sql", "-- +migrate Up\nselect 1;\n")
                        .file("m/1677078479.sql", "-- +migrate Up\nselect 2;\n")
                        .expect("1  [sql-migrate, tx] up@2: select 1;/ | down: none",
                                "1677078479  [sql-migrate, tx] up@2: select 2;/ | down: none"),
                Case.of("sql-migrate: the name `sql-migrate new` writes",
                                "rubenv/sql-migrate sql-migrate/command_new.go CreateMigration: "
                                        + "`fmt.Sprintf(\"%s-%s.sql\", time.Now().Format(\"20060102150405\"), ...)`")
                        .file("m/20240101120000-create-users.sql", "\n-- +migrate Up\ncreate table users (id int);\n"
                                + "\n-- +migrate Down\ndrop table users;\n")
                        .expect("20240101120000 create-users [sql-migrate, tx] up@3: create table users (id int);// "
                                + "| down@6: drop table users;/"),
                Case.of("sql-migrate: several Up sections are appended, notransaction on any makes the whole up non-transactional",
                                "rubenv/sql-migrate sqlparse/sqlparse.go ParseMigration: `case \"Up\": ... currentDirection = "
                                        + "directionUp; if cmd.HasOption(optionNoTransaction) { p.DisableTransactionUp = true }`")
                        .file("m/3_items.sql", """
                                -- +migrate Up
                                create table items (id int, sku text);
                                -- +migrate Down
                                drop table items;
                                -- +migrate Up notransaction
                                create index concurrently items_sku on items (sku);
                                """)
                        .expect("3 items [sql-migrate, no tx] up@2: create table items (id int, sku text);////"
                                + "create index concurrently items_sku on items (sku);/ | down@4: drop table items;/"),
                Case.of("sql-migrate: a Down section may come first",
                                "rubenv/sql-migrate sqlparse/sqlparse.go ParseMigration: `case \"Down\": ... currentDirection = directionDown`"
                                        + " (no check of what came before)")
                        .file("m/4_d.sql", "-- +migrate Down\ndrop table d;\n-- +migrate Up\ncreate table d (c int);\n")
                        .expect("4 d [sql-migrate, tx] up@4: create table d (c int);/ | down@2: drop table d;/"),
                Case.of("sql-migrate: a Down with only a comment is a rollback that changes nothing",
                                "rubenv/sql-migrate sqlparse/sqlparse.go: `// allow comment without sql instruction. Example: "
                                        + "-- +migrate Down / -- nothing to downgrade!`")
                        .file("m/5_e.sql", "-- +migrate Up\ncreate table e (c int);\n-- +migrate Down\n-- nothing to downgrade!\n")
                        .expect("5 e [sql-migrate, tx] up@2: create table e (c int);/ | down@4: -- nothing to downgrade!/"),
                Case.of("sql-migrate: a notransaction Down makes the migration non-transactional",
                                "rubenv/sql-migrate sqlparse/sqlparse.go: `case \"Down\": ... p.DisableTransactionDown = true`"
                                        + " (Preflight keeps one flag for both directions)")
                        .file("m/6_i.sql", "-- +migrate Up\nselect 1;\n-- +migrate Down notransaction\ndrop index concurrently i;\n")
                        .expect("6 i [sql-migrate, no tx] up@2: select 1;/ | down@4: drop index concurrently i;/"),
                Case.of("sql-migrate: a statement above the first marker is skipped, with a warning",
                                "rubenv/sql-migrate sqlparse/sqlparse.go ParseMigration: `if currentDirection == directionNone { continue }`")
                        .file("m/7_s.sql", "create table skipped (c int);\n-- +migrate Up\nselect 7;\n")
                        .expect("7 s [sql-migrate, tx] up@3: select 7;/ | down: none")
                        .warns("m/7_s.sql:1: a statement above the first marker (line 2) never runs (sql-migrate skips it too)"),
                Case.of("sql-migrate: a marker sql-migrate would not read is read, with a warning",
                                "rubenv/sql-migrate sqlparse/sqlparse.go: `strings.HasPrefix(line, sqlCmdPrefix)` "
                                        + "(\"-- +migrate \") and `case \"Up\":` (case-sensitive)")
                        .file("m/8_w.sql", "  -- +migrate up\nselect 8;\n")
                        .expect("8 w [sql-migrate, tx] up@2: select 8;/ | down: none")
                        .warns("m/8_w.sql:1: '-- +migrate up' is read as a sql-migrate marker, but sql-migrate itself does not"));
    }

    static Stream<Case> dbmate() {
        return Stream.of(
                Case.of("dbmate: up and down, transaction:false on a marker",
                                "amacneil/dbmate pkg/dbmate/migration.go migrationOptions.Transaction: "
                                        + "`return m[\"transaction\"] != \"false\"`")
                        .file("m/20240101120000_users.sql", """
                                -- a header comment
                                -- migrate:up transaction:false
                                create index concurrently users_name on users (name);

                                -- migrate:down transaction:false
                                drop index concurrently users_name;
                                """)
                        .expect("20240101120000 users [dbmate, no tx] up@3: create index concurrently users_name on users (name);// "
                                + "| down@6: drop index concurrently users_name;/"),
                Case.of("dbmate: several sections, up and down each in file order, with a warning (dbmate fails on them "
                                        + "on PostgreSQL: DbmateAgreesTest)",
                                "amacneil/dbmate pkg/dbmate/migration.go getMigrationSectionSubstrings (one section per "
                                        + "`-- migrate:up`); db.go Rollback: `for _, migrationSection := range parsedSections`")
                        .file("m/2_two.sql", """
                                -- migrate:up
                                create table a (c int);
                                -- migrate:down
                                drop table a;
                                -- migrate:up
                                create table b (c int);
                                -- migrate:down
                                drop table b;
                                """)
                        .expect("2 two [dbmate, tx] up@2: create table a (c int);////create table b (c int);/ "
                                + "| down@4: drop table a;////drop table b;/")
                        .warns("m/2_two.sql has 2 dbmate sections: Preflight runs them as one migration, in one transaction"),
                Case.of("dbmate: sections that disagree on transaction:false run as one non-transactional migration, with a warning",
                                "amacneil/dbmate pkg/dbmate/db.go Migrate: `if migrationSection.UpOptions.Transaction() "
                                        + "{ err = doTransaction(sqlDB, execMigration) }` per section")
                        .file("m/3_mix.sql", """
                                -- migrate:up
                                create table a (c int);
                                -- migrate:down
                                drop table a;
                                -- migrate:up transaction:false
                                create index concurrently a_c on a (c);
                                -- migrate:down
                                select 1;
                                """)
                        .expect("3 mix [dbmate, no tx] up@2: create table a (c int);////create index concurrently a_c on a (c);/ "
                                + "| down@4: drop table a;////select 1;/")
                        .warns("has 2 dbmate sections: Preflight runs them as one migration, outside a transaction"),
                Case.of("dbmate: a statement above the up marker is refused",
                                "amacneil/dbmate pkg/dbmate/migration.go: ErrParseUnexpectedStmt "
                                        + "\"dbmate does not support statements preceding the '-- migrate:up' block\"")
                        .file("m/1_a.sql", "-- comment\ncreate table t (c int);\n-- migrate:up\nselect 1;\n")
                        .fails("m/1_a.sql:2: a statement above the first marker (line 3) would never run"),
                Case.of("dbmate: a down before the up is refused",
                                "amacneil/dbmate pkg/dbmate/migration.go: ErrParseWrongOrder "
                                        + "\"dbmate requires '-- migrate:up' to appear before '-- migrate:down'\"")
                        .file("m/1_a.sql", "-- migrate:down\ndrop table t;\n-- migrate:up\ncreate table t (c int);\n")
                        .fails("m/1_a.sql:1: the down marker comes before any up marker"),
                Case.of("dbmate: two downs in one section are refused",
                                "amacneil/dbmate pkg/dbmate/migration.go: ErrParseMultipleDown "
                                        + "\"dbmate requires every '-- migrate:down' to be preceded by a '-- migrate:up'\"")
                        .file("m/1_a.sql", "-- migrate:up\nselect 1;\n-- migrate:down\nselect 2;\n-- migrate:down\nselect 3;\n")
                        .fails("m/1_a.sql:5: a second down marker in one section"),
                Case.of("dbmate: no down marker runs, with a warning, and has no down",
                                "amacneil/dbmate pkg/dbmate/migration.go: ErrParseMissingDown "
                                        + "\"dbmate requires each migration to define a down block\" (Preflight accepts more)")
                        .file("m/1_a.sql", "-- migrate:up\nselect 1;\n")
                        .expect("1 a [dbmate, tx] up@2: select 1;/ | down: none")
                        .warns("m/1_a.sql has a '-- migrate:up' section without '-- migrate:down'"),
                Case.of("dbmate: an empty down section is a rollback that changes nothing",
                                "amacneil/dbmate pkg/dbmate/db.go Rollback: `tx.Exec(migrationSection.Down)` of the section as it is")
                        .file("m/1_a.sql", "-- migrate:up\ncreate table t (c int);\n\n-- migrate:down\n\n")
                        .expect("1 a [dbmate, tx] up@2: create table t (c int);// | down@5: /"),
                Case.of("dbmate: an indented marker is read, with a warning",
                                "amacneil/dbmate pkg/dbmate/migration.go: upRegExp `(?m)^--\\s*migrate:up(\\s*$|\\s+\\S+)`")
                        .file("m/1_a.sql", "  -- migrate:up\nselect 1;\n--migrate:down\nselect 2;\n")
                        .expect("1 a [dbmate, tx] up@2: select 1;/ | down@4: select 2;/")
                        .warns("m/1_a.sql:1: '-- migrate:up' is read as a dbmate marker, but dbmate itself does not read it so"),
                Case.of("dbmate: any name after the digits",
                                "amacneil/dbmate pkg/dbmate/db.go: migrationFileRegexp `^(\\d+).*\\.sql$`")
                        .file("m/7.sql", "-- migrate:up\nselect 7;\n-- migrate:down\n")
                        .file("m/8-eight.sql", "-- migrate:up\nselect 8;\n-- migrate:down\n")
                        .expect("7  [dbmate, tx] up@2: select 7;/ | down@4: ", "8 eight [dbmate, tx] up@2: select 8;/ | down@4: "),
                Case.of("dbmate: numbers of several lengths, whose file-name order dbmate follows, warn",
                                "amacneil/dbmate pkg/dbmate/db.go FindMigrations: "
                                        + "`sort.Slice(migrations, ... migrations[i].FileName < migrations[j].FileName)`")
                        .file("m/1_a.sql", "-- migrate:up\nselect 1;\n-- migrate:down\n")
                        .file("m/10_b.sql", "-- migrate:up\nselect 10;\n-- migrate:down\n")
                        .expect("1 a [dbmate, tx] up@2: select 1;/ | down@4: ", "10 b [dbmate, tx] up@2: select 10;/ | down@4: ")
                        .warns("dbmate runs m/10_b.sql before m/1_a.sql (it sorts file names as text)"));
    }

    static Stream<Case> goose() {
        return Stream.of(
                Case.of("goose: NO TRANSACTION anywhere counts for both directions",
                                "pressly/goose internal/sqlparser/parser.go: `case annotationNoTransaction: useTx = false`")
                        .file("m/00003_index.sql", "-- +goose Up\ncreate index concurrently i on t (c);\n"
                                + "-- +goose Down\ndrop index concurrently i;\n-- +goose NO TRANSACTION\n")
                        .expect("00003 index [goose, no tx] up@2: create index concurrently i on t (c);/ "
                                + "| down@4: drop index concurrently i;/-- +goose NO TRANSACTION/"),
                Case.of("goose: StatementBegin/End stay in the SQL as comments",
                                "pressly/goose internal/sqlparser/parser.go: annotationStatementBegin/annotationStatementEnd")
                        .file("m/00002_function.sql", """
                                -- +goose Up
                                -- +goose StatementBegin
                                create function f() returns int language plpgsql as $$ begin return 1; end $$;
                                -- +goose StatementEnd
                                -- +goose Down
                                drop function f();
                                """)
                        .expect("00002 function [goose, tx] up@2: -- +goose StatementBegin/create function f() returns int "
                                + "language plpgsql as $$ begin return 1; end $$;/-- +goose StatementEnd/ | down@6: drop function f();/"),
                Case.of("goose: a second Up is refused",
                                "pressly/goose internal/sqlparser/parser.go: \"duplicate '-- +goose Up' annotations\"")
                        .file("m/1_a.sql", "-- +goose Up\nselect 1;\n-- +goose Up\nselect 2;\n")
                        .fails("m/1_a.sql:3: a second '-- +goose Up'"),
                Case.of("goose: a Down before the Up is refused",
                                "pressly/goose internal/sqlparser/parser.go: \"must start with '-- +goose Up' annotation\"")
                        .file("m/1_a.sql", "-- +goose Down\nselect 1;\n")
                        .fails("m/1_a.sql:1: the down marker comes before any up marker"),
                Case.of("goose: the version is the number before the first '_'",
                                "pressly/goose migration.go NumericComponent: \"no filename separator '_' found\"")
                        .file("m/001.sql", "-- +goose Up\nselect 1;\n")
                        .fails("m/001.sql has no name: rename it to 001_<name>.sql"),
                Case.of("goose: annotations ignore case",
                                "pressly/goose internal/sqlparser/parser.go extractAnnotation: `strings.EqualFold(string(s), string(a))`")
                        .file("m/1_a.sql", "-- +goose up\nselect 1;\n-- +GOOSE DOWN\nselect 2;\n")
                        .expect("1 a [goose, tx] up@2: select 1;/ | down@4: select 2;/"),
                Case.of("goose: an indented annotation is read, with a warning",
                                "pressly/goose internal/sqlparser/parser.go extractAnnotation: \"contains leading whitespace\"")
                        .file("m/1_a.sql", " -- +goose Up\nselect 1;\n")
                        .expect("1 a [goose, tx] up@2: select 1;/ | down: none")
                        .warns("m/1_a.sql:1: '-- +goose Up' is read as a goose marker, but goose itself does not read it so"),
                Case.of("goose: ENVSUB ON is refused (Preflight runs SQL as written)",
                                "pressly/goose internal/sqlparser/parser.go: `case annotationEnvsubOn: useEnvsub = true`")
                        .file("m/1_a.sql", "-- +goose Up\n-- +goose ENVSUB ON\nselect '${X}';\n")
                        .fails("m/1_a.sql:2: '-- +goose ENVSUB ON' is not supported"),
                Case.of("goose: markers of two tools in one file are refused",
                                "pressly/goose internal/sqlparser/parser.go: a line without \"+goose\" is SQL, so the other "
                                        + "tool's marker would be run as a comment")
                        .file("m/1_a.sql", "-- migrate:up\ncreate table t (c int);\n-- +goose Down\ndrop table t;\n")
                        .fails("m/1_a.sql:3: '-- +goose Down' mixes goose markers into a file that uses dbmate markers"),
                Case.of("single file without any marker: refused with the names of the other layouts",
                                "pressly/goose internal/sqlparser/parser.go: \"failed to parse migration: must start with "
                                        + "'-- +goose Up' annotation\"; dbmate ErrParseMissingUp; sql-migrate \"no Up/Down annotations found\"")
                        .file("m/1__init.sql", "create table t (c int);\n")
                        .fails("m/1__init.sql has no up marker: add '-- migrate:up' (dbmate), '-- +goose Up' or "
                                + "'-- +migrate Up' above its statements, or rename it to V1__init.sql (Flyway) or 1__init.up.sql"));
    }

    static Stream<Case> golangMigrate() {
        return Stream.of(
                Case.of("golang-migrate: pairs by version, the name may be empty",
                                "golang-migrate/migrate source/parse.go: Regex `^([0-9]+)_(.*)\\.(down|up)\\.(.*)$`")
                        .file("m/000002_.up.sql", "select 2;\n")
                        .file("m/000001_init.up.sql", "create table t (c int);\n")
                        .file("m/000001_init.down.sql", "drop table t;\n")
                        .expect("000001 init [golang-migrate, tx] up@1: create table t (c int);/ | down@1: drop table t;/",
                                "000002  [golang-migrate, tx] up@1: select 2;/ | down: none"),
                Case.of("golang-migrate: an empty or comment-only down file is a rollback that changes nothing",
                                "golang-migrate/migrate database/postgres/postgres.go Run: the file is executed as read, "
                                        + "an empty query included")
                        .file("m/1_a.up.sql", "create table a (c int);\n")
                        .file("m/1_a.down.sql", "")
                        .file("m/2_b.up.sql", "create table b (c int);\n")
                        .file("m/2_b.down.sql", "-- irreversible: keep the table\n")
                        .expect("1 a [golang-migrate, tx] up@1: create table a (c int);/ | down@1: ",
                                "2 b [golang-migrate, tx] up@1: create table b (c int);/ | down@1: -- irreversible: keep the table/"),
                Case.of("golang-migrate: a statement that cannot run in a transaction runs the file as written",
                                "golang-migrate/migrate database/postgres/postgres.go Run: "
                                        + "`p.conn.ExecContext(ctx, query)` of the whole file, no transaction of its own")
                        .file("m/1_i.up.sql", "create index concurrently i on t (c);\n")
                        .expect("1 i [golang-migrate, no tx] up@1: create index concurrently i on t (c);/ | down: none"),
                Case.of("golang-migrate: two ups with one version are refused",
                                "golang-migrate/migrate source/migration.go Append: `// reject duplicate versions`")
                        .file("m/1_a.up.sql", "select 1;\n")
                        .file("m/01_b.up.sql", "select 2;\n")
                        .fails("is used twice: m/01_b.up.sql and m/1_a.up.sql"),
                Case.of("golang-migrate: a down without its up is refused (Preflight is stricter)",
                                "golang-migrate/migrate migrate.go newMigration: a missing up runs as an empty migration")
                        .file("m/1_a.down.sql", "drop table t;\n")
                        .fails("m/1_a.down.sql is a down script without an up script"),
                Case.of("golang-migrate: a name that does not match is refused with a suggestion",
                                "golang-migrate/migrate source/parse.go: Parse returns ErrParse, the file is skipped "
                                        + "(Preflight refuses rather than skip a .up.sql)")
                        .file("m/1-init.up.sql", "select 1;\n")
                        .fails("m/1-init.up.sql is not named <version>_<name>.up.sql: did you mean 1_init.up.sql?"));
    }

    static Stream<Case> diesel() {
        return Stream.of(
                Case.of("Diesel: 14- and 18-digit versions in Diesel's text order",
                                "diesel-rs/diesel diesel/src/migration/mod.rs: `#[derive(..., PartialOrd, Ord, ...)] pub "
                                        + "struct MigrationVersion<'a>(Cow<'a, str>)`; migrations_internals "
                                        + "version_from_string: `path.split('_').next().map(|s| s.replace('-', \"\"))`")
                        .file("m/2024-06-01-000000_add_price/up.sql", "alter table items add price int;\n")
                        .file("m/2024-01-01-000000-0000_create_items/up.sql", "create table items (id int);\n")
                        .file("m/00000000000000_diesel_initial_setup/up.sql", "select 0;\n")
                        .expect("00000000000000 diesel_initial_setup [diesel, tx] up@1: select 0;/ | down: none",
                                "2024-01-01-000000-0000 create_items [diesel, tx] up@1: create table items (id int);/ | down: none",
                                "2024-06-01-000000 add_price [diesel, tx] up@1: alter table items add price int;/ | down: none"),
                Case.of("Diesel: a folder without '_' is all version",
                                "diesel-rs/diesel migrations_internals version_from_string: `path.split('_').next()`")
                        .file("m/2024-02-12-120203/up.sql", "select 1;\n")
                        .expect("2024-02-12-120203  [diesel, tx] up@1: select 1;/ | down: none"),
                Case.of("Diesel: metadata.toml without run_in_transaction means no transaction",
                                "diesel-rs/diesel migrations_internals TomlMetadata: `#[serde(default)] pub run_in_transaction: bool`")
                        .file("m/1_a/up.sql", "select 1;\n")
                        .file("m/1_a/metadata.toml", "# nothing set\n")
                        .file("m/2_b/up.sql", "select 2;\n")
                        .file("m/2_b/metadata.toml", "run_in_transaction = true # default\n[other]\nrun_in_transaction = false\n")
                        .expect("1 a [diesel, no tx] up@1: select 1;/ | down: none", "2 b [diesel, tx] up@1: select 2;/ | down: none"),
                Case.of("Diesel: a zero-byte down.sql is no down, a comment-only one changes nothing",
                                "diesel-rs/diesel diesel_migrations/src/file_based_migrations.rs run_sql_from_file: "
                                        + "`if sql.is_empty() { return Err(RunMigrationsError::EmptyMigration(name.clone())); }`")
                        .file("m/1_a/up.sql", "create table a (c int);\n")
                        .file("m/1_a/down.sql", "")
                        .file("m/2_b/up.sql", "create table b (c int);\n")
                        .file("m/2_b/down.sql", "-- This file should undo anything in `up.sql`\n")
                        .expect("1 a [diesel, tx] up@1: create table a (c int);/ | down: none",
                                "2 b [diesel, tx] up@1: create table b (c int);/ | down@1: -- This file should undo anything in `up.sql`/"),
                Case.of("Diesel: a zero-byte up.sql is refused",
                                "diesel-rs/diesel diesel_migrations/src/file_based_migrations.rs run_sql_from_file: EmptyMigration")
                        .file("m/1_a/up.sql", "")
                        .fails("m/1_a/up.sql is empty, which Diesel refuses (EmptyMigration)"),
                Case.of("Diesel: a folder without up.sql is refused",
                                "diesel-rs/diesel migrations_internals valid_sql_migration_directory: `files.iter().any(|f| f == \"up.sql\")`")
                        .file("m/1_a/down.sql", "select 1;\n")
                        .fails("Diesel migration folder m/1_a has no up.sql (only a down.sql)"),
                Case.of("Diesel: a bad run_in_transaction is refused (Diesel falls back to the default)",
                                "diesel-rs/diesel file_based_migrations.rs SqlFileMigration::from_path: "
                                        + "`TomlMetadata::read_from_file(...).unwrap_or_default()`")
                        .file("m/1_a/up.sql", "select 1;\n")
                        .file("m/1_a/metadata.toml", "run_in_transaction = no\n")
                        .fails("m/1_a/metadata.toml:1: run_in_transaction must be true or false, not no"));
    }

    static Stream<Case> flyway() {
        return Stream.of(
                Case.of("Flyway: versioned, undo and repeatable; the description's underscores are spaces",
                                "flyway/flyway flyway-core/.../resource/ResourceNameParser.java parse: "
                                        + "`splitName.getRight().replace(\"_\", \" \")`")
                        .file("m/V1__create_users.sql", "create table users (id int);\n")
                        .file("m/U1__create_users.sql", "drop table users;\n")
                        .file("m/R__users_view.sql", "create or replace view v as select 1;\n")
                        .expect("1 create users [flyway, tx] up@1: create table users (id int);/ | down@1: drop table users;/",
                                "R__users view [flyway, tx] up@1: create or replace view v as select 1;/ | down: none"),
                Case.of("Flyway: dotted and underscored versions compare as numbers",
                                "flyway/flyway flyway-core/.../api/MigrationVersion.java: `version.replace('_', '.')`, "
                                        + "compareTo with getOrZero")
                        .file("m/V1.10__ten.sql", "select 10;\n")
                        .file("m/V1.9__nine.sql", "select 9;\n")
                        .file("m/V1_2__two.sql", "select 2;\n")
                        .expect("1_2 two [flyway, tx] up@1: select 2;/ | down: none",
                                "1.9 nine [flyway, tx] up@1: select 9;/ | down: none",
                                "1.10 ten [flyway, tx] up@1: select 10;/ | down: none"),
                Case.of("Flyway: no description and an upper-case suffix",
                                "flyway/flyway flyway-core/.../util/StringUtils.java splitAtFirstSeparator: "
                                        + "`return Pair.of(input, \"\")`; ResourceNameParser stripSuffix: `name.toUpperCase().endsWith(...)`")
                        .file("m/V1.sql", "select 1;\n")
                        .file("m/V2__.sql", "select 2;\n")
                        .file("m/V3__upper.SQL", "select 3;\n")
                        .expect("1  [flyway, tx] up@1: select 1;/ | down: none", "2  [flyway, tx] up@1: select 2;/ | down: none",
                                "3 upper [flyway, tx] up@1: select 3;/ | down: none"),
                Case.of("Flyway: a script made only of non-transactional statements runs outside a transaction",
                                "flyway/flyway flyway-core/.../sqlscript/SqlScriptExecutor: a script whose statements "
                                        + "cannot run in a transaction executes without one")
                        .file("m/V1__index.sql", "create index concurrently i on t (c);\n")
                        .file("m/V2__conf.sql", "select 2;\n")
                        .file("m/V2__conf.sql.conf", "executeInTransaction=false\n")
                        .expect("1 index [flyway, no tx] up@1: create index concurrently i on t (c);/ | down: none",
                                "2 conf [flyway, no tx] up@1: select 2;/ | down: none"),
                Case.of("Flyway: one underscore is refused with the name meant",
                                "flyway/flyway ResourceNameParser parse: \"Invalid versioned migration name format ... "
                                        + "(could not recognise version number\"")
                        .file("m/V1_create.sql", "select 1;\n")
                        .fails("m/V1_create.sql has no double underscore between version and description: did you mean V1__create.sql?"),
                Case.of("Flyway: an undo without its versioned migration is refused",
                                "flyway/flyway: an undo migration reverts the versioned migration of its version")
                        .file("m/U7__x.sql", "select 1;\n")
                        .fails("m/U7__x.sql is an undo (down) script without a versioned migration: add V7__x.sql"));
    }

    static Stream<Case> mixed() {
        return Stream.of(
                Case.of("mixed layouts: versions compare as numbers",
                                "Preflight's rule (README, Layouts): the numeric order every tool but Diesel uses")
                        .file("m/V1.1__flyway.sql", "select 1;\n")
                        .file("m/10_golang.up.sql", "select 10;\n")
                        .file("m/9_dbmate.sql", "-- migrate:up\nselect 9;\n-- migrate:down\n")
                        .expect("1.1 flyway [flyway, tx] up@1: select 1;/ | down: none",
                                "9 dbmate [dbmate, tx] up@2: select 9;/ | down@4: ",
                                "10 golang [golang-migrate, tx] up@1: select 10;/ | down: none"),
                Case.of("mixed layouts: refused where numbers would reorder Diesel's folders",
                                "diesel-rs/diesel migration_harness.rs pending_migrations: `sort_unstable_by(|a, b| "
                                        + "a.name().version().cmp(&b.name().version()))` (text)")
                        .file("m/2024-06-01-000000_add_price/up.sql", "select 1;\n")
                        .file("m/2024-01-01-000000-0000_create_items/up.sql", "select 2;\n")
                        .file("m/1_other.up.sql", "select 3;\n")
                        .fails("diesel runs m/2024-01-01-000000-0000_create_items/up.sql before m/2024-06-01-000000_add_price/up.sql "
                                + "(it compares versions as text), but these migrations mix layouts"));
    }

    /** Names a tool would skip or refuse: Preflight refuses them with the name meant, or lists them as unmatched. */
    static Stream<Case> nearMisses() {
        return Stream.of(
                Case.of("Flyway: a lower-case prefix", "flyway/flyway ResourceNameParser findPrefix: "
                                + "`nameWithoutSuffix.startsWith(prefix.getLeft())` (case-sensitive: the file is skipped)")
                        .file("m/v2__x.sql", "select 1;\n")
                        .fails("m/v2__x.sql has a lower-case Flyway prefix: did you mean V2__x.sql?"),
                Case.of("Flyway: letters in the version", "flyway/flyway ResourceNameParser: \"could not recognise version number\"")
                        .file("m/V1a__x.sql", "select 1;\n")
                        .fails("m/V1a__x.sql has '1a' as version, which is not a number"),
                Case.of("Flyway: no version", "flyway/flyway ResourceNameParser: \"It must contain a version\"")
                        .file("m/V__x.sql", "select 1;\n")
                        .fails("m/V__x.sql has no version"),
                Case.of("Flyway: a repeatable with a version", "flyway/flyway ResourceNameParser: \"Invalid repeatable "
                                + "migration / callback name format ... (It cannot contain a version\"")
                        .file("m/R1__x.sql", "select 1;\n")
                        .fails("did you mean R__x.sql (repeatable) or V1__x.sql (versioned)?"),
                Case.of("Flyway: one underscore before the description of a dotted version",
                                "flyway/flyway MigrationVersion tokenize: \"1_2_x\" is not a version")
                        .file("m/V1_2_x.sql", "select 1;\n")
                        .fails("did you mean V1_2__x.sql?"),
                Case.of("Flyway: words that start with V or R are no migrations",
                                "flyway/flyway ResourceNameParser: \"Unrecognised migration name format\" (skipped)")
                        .file("m/Views.sql", "select 1;\n")
                        .file("m/Readme_notes.sql", "select 1;\n")
                        .file("m/V1__x.sql", "select 1;\n")
                        .expect("1 x [flyway, tx] up@1: select 1;/ | down: none")
                        .warns("m/Readme_notes.sql, m/Views.sql"),
                Case.of("Flyway: a script config without its script", "flyway/flyway: a .sql.conf configures the script "
                                + "of the same name")
                        .file("m/V1__renamed.sql", "select 1;\n")
                        .file("m/V1__old.sql.conf", "executeInTransaction=false\n")
                        .fails("m/V1__old.sql.conf is a script config file without its script m/V1__old.sql"),
                Case.of("Flyway: data locations hold versioned migrations only", "Preflight's data migrations: versioned, "
                                + "run by hand")
                        .file("m/V1__backfill.sql", "update t set c = 1;\n")
                        .expect("data 1 backfill [flyway, tx] up@1: update t set c = 1;/ | down: none").data(),
                Case.of("Flyway: a repeatable among data migrations", "Preflight's data migrations: versioned, run by hand")
                        .file("m/V1__backfill.sql", "update t set c = 1;\n")
                        .file("m/R__view.sql", "create or replace view v as select 1;\n")
                        .data()
                        .fails("m/R__view.sql is a repeatable migration (R__) in a data migration location"),
                Case.of("golang-migrate: an up without a version", "golang-migrate/migrate source/parse.go: "
                                + "`^([0-9]+)_` does not match, Parse returns ErrParse (skipped)")
                        .file("m/create_users.up.sql", "create table users ();\n")
                        .fails("m/create_users.up.sql has no version: start its name with a number, e.g. "
                                + "20240101120000_create_users.up.sql (a timestamp) or 1_create_users.up.sql"),
                Case.of("golang-migrate: letters in the version", "golang-migrate/migrate source/parse.go: `^([0-9]+)_`")
                        .file("m/12b_x.up.sql", "select 1;\n")
                        .fails("m/12b_x.up.sql has letters in its version '12b'"),
                Case.of("golang-migrate: several problems are reported together", "Preflight: one run names every broken file")
                        .file("m/1_x.down.sql", "drop table x;\n")
                        .file("m/create_users.up.sql", "create table users ();\n")
                        .fails("2 problems with the migration files:"),
                Case.of("golang-migrate: Preflight's marker in the down file", "golang-migrate/migrate has no marker: "
                                + "`-- preflight:no-transaction` in either file")
                        .file("m/1_x.up.sql", "create index i on t (c);\n")
                        .file("m/1_x.down.sql", "/* index */\n-- preflight:no-transaction\ndrop index concurrently i;\n")
                        .expect("1 x [golang-migrate, no tx] up@1: create index i on t (c);/ "
                                + "| down@1: /* index *//-- preflight:no-transaction/drop index concurrently i;/"),
                Case.of("dbmate: Preflight's marker above the up marker", "amacneil/dbmate pkg/dbmate/migration.go "
                                + "statementsPrecedeMigrateBlocks: comment lines may stand above '-- migrate:up'")
                        .file("m/1_x.sql", "-- preflight:no-transaction\n-- migrate:up\nselect 1;\n-- migrate:down\n")
                        .expect("1 x [dbmate, no tx] up@3: select 1;/ | down@5: "),
                Case.of("Diesel: a folder without a version", "diesel-rs/diesel version_from_string accepts any text; "
                                + "Preflight needs digits and dashes")
                        .file("m/create_users/up.sql", "select 1;\n")
                        .fails("m/create_users/up.sql is in folder 'create_users', which has no version: rename the folder to "
                                + "<version>_<name>, e.g. 2024-02-12-120203_create_users"),
                Case.of("Diesel: letters in the version", "diesel-rs/diesel version_from_string accepts any text; "
                                + "Preflight needs digits and dashes")
                        .file("m/2024-01-0a-000000_x/up.sql", "select 1;\n")
                        .fails("whose version '2024-01-0a-000000' is not digits"),
                Case.of("Diesel: up.sql outside a migration folder", "diesel-rs/diesel migrations_directories: "
                                + "only folders are migrations")
                        .file("m/up.sql", "select 1;\n")
                        .fails("m/up.sql is a Diesel migration file outside a migration folder"),
                Case.of("Diesel: other files in a migration folder are unmatched", "diesel-rs/diesel SqlFileMigration: "
                                + "reads up.sql, down.sql and metadata.toml only")
                        .file("m/2024-01-01-000000_x/up.sql", "select 1;\n")
                        .file("m/2024-01-01-000000_x/notes.md", "why\n")
                        .expect("2024-01-01-000000 x [diesel, tx] up@1: select 1;/ | down: none")
                        .warns("m/2024-01-01-000000_x/notes.md"));
    }
}
