package io.strata.logql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The literal a regex requires is really in every line the regex finds a match in. */
class RegexLiteralsTest {
    @Test
    void knownRegexes() {
        assertEquals("status=5", RegexLiterals.required("status=5[0-9][0-9]"));
        assertEquals("duration=", RegexLiterals.required("duration=\\d+ms.*duration"));
        assertEquals("ms", RegexLiterals.required("a{2,3}ms"));
        assertEquals("GET /api", RegexLiterals.required("^GET /api"));
        assertEquals("a.b", RegexLiterals.required("a\\.b"));
        assertEquals("abc", RegexLiterals.required("abcd?"));
        assertEquals("xyz", RegexLiterals.required("(foo)?xyz(bar)+"));
        assertEquals("a", RegexLiterals.required("ab+")); // conservative: a repeated character is dropped
        assertEquals("", RegexLiterals.required("error|warn"));
        assertEquals("", RegexLiterals.required("(?i)error"));
        assertEquals("", RegexLiterals.required("\\Qa.b\\E?"));
        assertEquals("", RegexLiterals.required("[abc]"));
        assertEquals("end", RegexLiterals.required("[]a]end"));
        assertEquals("x", RegexLiterals.required("[[:alpha:]]x"));
    }

    @Test
    void randomRegexesNeverRequireALiteralTheirMatchesLack() {
        String[] atoms = {"a", "b", "ab", "\\.", ".", "[ab]", "(ab)", "(a|b)", "\\d", "x", "[^a]", "=", "b{2}"};
        String[] quantifiers = {"", "", "", "?", "*", "+", "{0,2}"};
        Random r = new Random(9);
        int checked = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder re = new StringBuilder();
            int parts = 1 + r.nextInt(5);
            for (int i = 0; i < parts; i++) {
                re.append(atoms[r.nextInt(atoms.length)]).append(quantifiers[r.nextInt(quantifiers.length)]);
            }
            Pattern p;
            try {
                p = Pattern.compile(re.toString());
            } catch (com.google.re2j.PatternSyntaxException e) {
                continue; // e.g. a nested repetition
            }
            String literal = RegexLiterals.required(re.toString());
            for (int k = 0; k < 60; k++) {
                StringBuilder line = new StringBuilder();
                int len = r.nextInt(12);
                for (int i = 0; i < len; i++) {
                    line.append("ab.x=1b".charAt(r.nextInt(7)));
                }
                if (p.matcher(line.toString()).find()) {
                    assertTrue(line.toString().contains(literal), re + " matched " + line + " without " + literal);
                    checked++;
                }
            }
        }
        assertTrue(checked > 10_000, "checked " + checked);
    }
}
