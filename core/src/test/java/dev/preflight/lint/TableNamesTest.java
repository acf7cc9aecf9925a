package dev.preflight.lint;

import dev.preflight.sql.SqlSplitter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TableNamesTest {

    @Test
    void readsTheTablesEachStatementShapeTouches() {
        String sql = """
                create table if not exists a (id int);
                create unique index concurrently if not exists i on only public."B" (x);
                alter table if exists only c add column y int;
                alter table s.d rename to e;
                insert into f (id) values (1);
                update only g set x = 1;
                delete from h where true;
                copy k (a) from stdin;
                1
                \\.
                truncate table l, m;
                select * from not_touched;
                create function fn() returns int language sql as $$ insert into not_either values (1) $$;
                insert into f values (2);
                """;
        assertEquals(List.of("a", "public.\"B\"", "c", "s.e", "f", "g", "h", "k", "l", "m"),
                List.copyOf(TableNames.touched(SqlSplitter.split(sql, "V1__x.sql", 1))));
    }
}
