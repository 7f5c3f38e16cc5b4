package dev.phasewise.analysis.parse;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reading the SQL statements out of a PL/pgSQL body, each placed at its own line and column of the file. */
class DoBlockReaderTest {

    private static List<BlockStatement> read(String file) throws PlpgsqlReader.Unreadable {
        Statement s = Splitter.split(file, new ArrayList<>()).get(0);
        CodeBlock block = CodeBlock.ofDo(s);
        return PlpgsqlReader.read(Fragment.ofFileToken(block.body(), file), s.index());
    }

    /** Each statement as "line:column [possible] text" (tokens joined, so PERFORM shows as select). */
    private static List<String> described(List<BlockStatement> statements) {
        return statements.stream().map(b -> b.statement().line() + ":" + b.statement().column()
                + (b.possible() ? " ? " : " ") + (b.dynamic() != null ? "dynamic " : "")
                + String.join(" ", b.statement().tokens().stream().map(Token::text).toList())).toList();
    }

    @Test
    void followsTheBlockStructureAndSkipsWhatIsPlpgsqlsOwn() throws Exception {
        String file = """
                -- a migration
                DO $do$
                <<outer>>
                DECLARE
                    total bigint := (SELECT count(*) FROM users);
                    r record;
                BEGIN
                    total := total + 1;  -- an assignment; sends nothing
                    SELECT count(*) INTO STRICT total FROM articles_article;
                    PERFORM pg_sleep(0);
                    /* a block comment; with a semicolon */
                    CASE total
                        WHEN 0 THEN
                            RAISE NOTICE 'none; really';
                        ELSE
                            UPDATE users SET email = $x$a;b$x$ WHERE id = total RETURNING id INTO r;
                    END CASE;
                    WHILE total > 0 LOOP
                        total := total - 1;
                        EXIT WHEN total < 5;
                    END LOOP;
                    FOR r IN SELECT id FROM users LOOP
                        DELETE FROM sessions WHERE user_id = r.id;
                    END LOOP outer;
                    BEGIN
                        ALTER TABLE users ADD COLUMN nick text;
                    EXCEPTION
                        WHEN duplicate_column THEN NULL;
                    END;
                    RETURN;
                END outer
                $do$;
                """;
        assertEquals(List.of(
                "5:21 select ( select count ( * ) from users )",
                "9:5 select count ( * ) from articles_article",
                "10:5 select pg_sleep ( 0 )",
                "16:13 ? update users set email = a;b where id = total returning id",
                "22:14 select id from users",
                "23:9 ? delete from sessions where user_id = r . id",
                "26:9 alter table users add column nick text"), described(read(file)));
    }

    @Test
    void conditionsAndAssignmentsThatHoldAQueryRunIt() throws Exception {
        String file = """
                DO $$
                DECLARE n int;
                BEGIN
                  IF EXISTS (SELECT 1 FROM users WHERE id = 1) THEN
                    n := (SELECT count(*) FROM comments);
                  ELSIF n > 1 THEN
                    NULL;
                  END IF;
                  WHILE n > 0 LOOP n := n - 1; END LOOP;
                END $$;
                """;
        assertEquals(List.of("4:6 select exists ( select 1 from users where id = 1 )",
                "5:10 ? select ( select count ( * ) from comments )"), described(read(file)));
    }

    @Test
    void executeReadsItsLiteralAtTheLiteralsPlace() throws Exception {
        String file = "DO $$ BEGIN\n  IF true THEN EXECUTE 'CREATE INDEX i ON t (''a'')'; END IF;\n"
                + "  EXECUTE format('DROP TABLE %I', 't') INTO x;\nEND $$;";
        assertEquals(List.of("2:25 ? create index i on t ( 'a' )",
                "3:3 dynamic execute format ( 'DROP TABLE %I' , 't' ) into x"), described(read(file)));
    }

    @Test
    void aBodyItCannotFollowIsReportedWithItsPlace() {
        PlpgsqlReader.Unreadable e = assertThrows(PlpgsqlReader.Unreadable.class,
                () -> read("DO $$\nBEGIN\n  IF x THEN\n    NULL;\nEND $$;"));
        assertEquals(5, e.line());
    }
}
