/**
 * Reading migrations from their locations, in the layouts of the tools a project may come from. The only entry
 * point is {@link dev.preflight.source.MigrationFinder#find}; it returns {@link dev.preflight.source.Migration}s
 * whatever the layout.
 *
 * <ul>
 *   <li>{@code ResourceScanner}: lists the files of a location (a directory, a jar, a Spring Boot nested jar);</li>
 *   <li>{@code SingleFileLayout}: {@code 1_name.sql} with dbmate, goose or sql-migrate up/down markers
 *       ({@code MarkerLine} reads one marker line);</li>
 *   <li>{@code GolangMigrateLayout}: {@code 1_name.up.sql} + {@code 1_name.down.sql};</li>
 *   <li>{@code DieselLayout}: {@code 2024-02-12-120203_name/up.sql}, {@code down.sql}, {@code metadata.toml};</li>
 *   <li>{@code FlywayLayout}: {@code V1__name.sql}, {@code U1__name.sql}, {@code R__name.sql}, {@code .sql.conf};</li>
 *   <li>{@code JavaMigrations}: {@link dev.preflight.JavaMigration} services.</li>
 * </ul>
 *
 * <p>Each layout is the one place that knows its tool: it names and orders versions as that tool does and gives
 * every {@link dev.preflight.source.Migration} its {@link dev.preflight.source.Tool} (transaction rule, marker to
 * suggest, {@link dev.preflight.source.VersionOrder}), so the engine never names a tool. A folder that mixes layouts
 * is ordered by number; Diesel's text order holds when all of a repo's migrations are Diesel folders.
 *
 * <p>Any SQL file may carry {@code -- preflight:no-transaction} above its first statement to run outside a
 * transaction. Misnamed files are errors with a suggested name; unrelated files are listed in one warning, and
 * files read differently from their own tool each get a warning.
 */
package dev.preflight.source;
