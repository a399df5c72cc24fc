package io.strata.logql.log;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.strata.model.StrataException;

/**
 * {@code |~ "re"}: RE2 search (unanchored, {@code .} does not match newline). Use
 * {@link #of(String)}, which first tries {@link RegexSimplifier} so that literals, literal
 * alternations, {@code .*foo.*} and {@code (?i)literal} become byte substring checks.
 */
public final class RegexLineFilter implements LineFilter {
    private final Pattern pattern;

    private RegexLineFilter(Pattern pattern) {
        this.pattern = pattern;
    }

    /** The fastest filter equivalent to the regex; an invalid regex is a parse error. */
    public static LineFilter of(String regex) {
        Pattern p = compile(regex);
        LineFilter simple = RegexSimplifier.simplify(regex);
        return simple != null ? simple : new RegexLineFilter(p);
    }

    /** Always the RE2 matcher (for tests and benchmarks). */
    public static RegexLineFilter unsimplified(String regex) {
        return new RegexLineFilter(compile(regex));
    }

    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw StrataException.badRequest("error parsing regexp: " + e.getMessage());
        }
    }

    @Override
    public boolean matches(Line line) {
        return pattern.matcher(line.asString()).find();
    }
}
