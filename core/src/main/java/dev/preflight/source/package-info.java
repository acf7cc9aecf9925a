/**
 * Reading migrations from their locations, in the layouts of the tools a project may come from. The only entry
 * point is {@link dev.preflight.source.MigrationFinder#find}; it returns {@link dev.preflight.source.Migration}s
 * whatever the layout.
 *
 * <ul>
 *   <li>{@code ResourceScanner}: lists the files of a location (a directory, a jar, a Spring Boot nested jar);</li>
 *   <li>{@code SingleFileLayout}: {@code 1_name.sql} with dbmate, goose or sql-migrate up/down markers;</li>
 *   <li>{@code GolangMigrateLayout}: {@code 1_name.up.sql} + {@code 1_name.down.sql};</li>
 *   <li>{@code DieselLayout}: {@code 2024-02-12-120203_name/up.sql}, {@code down.sql}, {@code metadata.toml};</li>
 *   <li>{@code FlywayLayout}: {@code V1__name.sql}, {@code U1__name.sql}, {@code R__name.sql}, {@code .sql.conf};</li>
 *   <li>{@code JavaMigrations}: {@link dev.preflight.JavaMigration} services.</li>
 * </ul>
 *
 * <p>Any SQL file may carry {@code -- preflight:no-transaction} above its first statement to run outside a
 * transaction. Misnamed files are errors with a suggested name; unrelated files are listed in one warning.
 */
package dev.preflight.source;
