package dev.phasewise.ui.step;

import dev.phasewise.ui.Css;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlHighlighterTest {

    private static List<Collection<String>> perChar(String text) {
        StyleSpans<Collection<String>> spans = SqlHighlighter.style(text, List.of());
        List<Collection<String>> out = new ArrayList<>();
        spans.forEach(s -> {
            for (int i = 0; i < s.getLength(); i++) {
                out.add(s.getStyle());
            }
        });
        return out;
    }

    @Test
    void stylesTokensByTheAnalysisLexer() {
        String sql = "SELECT 'a;b', $$x$$, 42, \"Col\" FROM t -- done\n";
        List<Collection<String>> s = perChar(sql);
        assertEquals(sql.length(), s.size());
        assertTrue(s.get(0).contains(Css.TOKEN_KEYWORD));
        assertTrue(s.get(sql.indexOf("'a;b'") + 2).contains(Css.TOKEN_STRING), "a semicolon in a string is string");
        assertTrue(s.get(sql.indexOf("$$x") + 2).contains(Css.TOKEN_STRING), "dollar quotes");
        assertTrue(s.get(sql.indexOf("42")).contains(Css.TOKEN_NUMBER));
        assertTrue(s.get(sql.indexOf("\"Col\"")).contains(Css.TOKEN_IDENT));
        assertTrue(s.get(sql.indexOf("t -- ")).contains(Css.TOKEN_IDENT));
        assertTrue(s.get(sql.indexOf("-- done") + 3).contains(Css.TOKEN_COMMENT));
        assertFalse(s.get(sql.indexOf(",")).contains(Css.TOKEN_KEYWORD));
    }
}
