package dev.phasewise.runbook;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runbook's SQL in HTML: the same tokens as the window's editor, escaped, layout kept. */
class SqlHighlighterTest {
    @Test
    void aDollarQuotedBodyIsOneStringNotKeywords() {
        String html = SqlHighlighter.html("CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN NEW.x := 'a'; RETURN NEW; END\n$$ LANGUAGE plpgsql;");
        assertTrue(html.contains("<span class=\"st\">$$\nBEGIN NEW.x := 'a'; RETURN NEW; END\n$$</span>"), html);
        assertTrue(html.startsWith("<span class=\"kw\">CREATE</span> <span class=\"kw\">FUNCTION</span>"), html);
    }

    @Test
    void blockCommentsAndEscapeStringsAreWhole() {
        String html = SqlHighlighter.html("/* DROP TABLE t */ SELECT E'it\\'s <b>' AS x;");
        assertTrue(html.startsWith("<span class=\"cm\">/* DROP TABLE t */</span>"), html);
        assertFalse(html.contains("<span class=\"kw\">DROP</span>"), html);
        assertTrue(html.contains("<span class=\"st\">E'it\\'s &lt;b&gt;'</span>"), html);
    }

    @Test
    void textBetweenTokensIsKeptAndEscaped() {
        String sql = "UPDATE \"t\" SET a = a < $1 -- why\n  WHERE id > 2;";
        String html = SqlHighlighter.html(sql);
        assertEquals(sql, html.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&amp;", "&"));
        assertTrue(html.contains("<span class=\"pm\">$1</span>"), html);
        assertTrue(html.contains("<span class=\"cm\">-- why</span>"), html);
    }
}
