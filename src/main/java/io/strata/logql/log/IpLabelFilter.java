package io.strata.logql.log;

/**
 * {@code | addr = ip("10.0.0.0/8")} / {@code !=}: looks for addresses inside the label value. A
 * missing label drops the entry; an entry that already carries {@code __error__} always passes.
 */
public final class IpLabelFilter implements LabelFilter {
    private final String name;
    private final boolean negated;
    private final IpMatcher matcher;

    public IpLabelFilter(String name, boolean negated, String pattern) {
        this.name = name;
        this.negated = negated;
        this.matcher = IpMatcher.parse(pattern);
    }

    @Override
    public boolean test(LabelsBuilder labels) {
        if (labels.hasError()) {
            return true;
        }
        String v = labels.get(name);
        if (v == null) {
            return false;
        }
        byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean found = b.length > 0 && matcher.findIn(b, 0, b.length);
        return negated != found;
    }
}
