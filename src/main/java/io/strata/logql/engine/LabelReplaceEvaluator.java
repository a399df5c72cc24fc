package io.strata.logql.engine;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code label_replace(v, dst, replacement, src, regex)} per sample: when the anchored regex
 * matches the value of {@code src} ("" when absent), {@code dst} becomes the expansion of
 * {@code replacement} (Go {@code Regexp.Expand} syntax: {@code $1}, {@code ${1}}, {@code $name},
 * {@code $$}); an empty expansion deletes {@code dst}. No match leaves the sample unchanged.
 */
final class LabelReplaceEvaluator implements StepEvaluator {
    private final Plan.LabelReplace plan;
    private final StepEvaluator inner;
    private final Map<Labels, Labels> cache = new HashMap<>();

    LabelReplaceEvaluator(Plan.LabelReplace plan, StepEvaluator inner) {
        this.plan = plan;
        this.inner = inner;
    }

    @Override
    public List<StepSample> evaluate(long step) {
        List<StepSample> in = inner.evaluate(step);
        List<StepSample> out = new ArrayList<>(in.size());
        for (StepSample s : in) {
            out.add(new StepSample(cache.computeIfAbsent(s.labels(), this::replace), s.value()));
        }
        return out;
    }

    private Labels replace(Labels in) {
        String src = in.get(plan.source());
        Matcher m = plan.regex().matcher(src == null ? "" : src);
        if (!m.matches()) {
            return in;
        }
        String value = expand(plan.regex(), m, plan.replacement());
        Labels.Builder b = in.toBuilder().remove(plan.destination());
        if (!value.isEmpty()) {
            b.set(plan.destination(), value);
        }
        return b.build();
    }

    /** Go's {@code Regexp.Expand}: {@code $name} takes the longest run of letters, digits and '_'. */
    static String expand(Pattern regex, Matcher m, String template) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i < n && template.charAt(i) == '$') {
                out.append('$');
                i++;
                continue;
            }
            boolean brace = i < n && template.charAt(i) == '{';
            int start = brace ? i + 1 : i;
            int j = start;
            while (j < n && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) {
                j++;
            }
            if (j == start || (brace && (j >= n || template.charAt(j) != '}'))) {
                out.append('$');
                continue;
            }
            String name = template.substring(start, j);
            i = brace ? j + 1 : j;
            String group = null;
            if (name.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                try {
                    int num = Integer.parseInt(name);
                    if (num <= m.groupCount()) {
                        group = m.group(num);
                    }
                } catch (NumberFormatException tooLong) {
                    group = null;
                }
            } else if (regex.namedGroups().containsKey(name)) {
                group = m.group(name);
            }
            if (group != null) {
                out.append(group);
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        inner.close();
    }
}
