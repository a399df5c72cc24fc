package io.strata.logql.script;

/** print→parse round trip of the syntax package: parse(print(parse(q))) equals parse(q). */
final class RoundTrip {
    private RoundTrip() {}

    static void check(String query) {
        // wired once the parser and printer land (branch logql-syntax)
    }
}
