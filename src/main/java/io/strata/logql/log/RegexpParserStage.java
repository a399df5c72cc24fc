package io.strata.logql.log;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.strata.model.StrataException;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code | regexp "re"}: on the first (unanchored) match every named group becomes a parsed
 * label; a group that did not participate gives an empty value. No match: nothing happens.
 * Never drops, never errors. Names follow the parser rules ({@code _extracted}, first wins).
 */
public final class RegexpParserStage implements Stage {
    private final Pattern pattern;
    private final String[] names;   // by group index; null for unnamed groups
    private final int groups;

    public RegexpParserStage(String regex) {
        this.pattern = RegexLineFilter.compile(regex);
        this.groups = pattern.groupCount();
        Map<String, Integer> named = pattern.namedGroups();
        if (groups == 0 || named.isEmpty()) {
            throw StrataException.badRequest("at least one named capture must be supplied");
        }
        names = new String[groups + 1];
        for (Map.Entry<String, Integer> e : new TreeMap<>(named).entrySet()) {
            String name = e.getKey();
            if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw StrataException.badRequest("invalid extracted label name '" + name + "'");
            }
            names[e.getValue()] = LabelNames.sanitize(name);
        }
    }

    @Override
    public boolean process(long timestampNanos, Line line, LabelsBuilder labels) {
        Matcher m = pattern.matcher(line.asString());
        if (!m.find()) {
            return true;
        }
        for (int g = 1; g <= groups; g++) {
            String name = names[g];
            if (name == null) {
                continue;
            }
            String v = m.group(g);
            labels.setParsedFirst(name, v == null ? "" : v);
        }
        return true;
    }
}
