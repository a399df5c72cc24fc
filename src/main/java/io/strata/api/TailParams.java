package io.strata.api;

import io.strata.logql.syntax.Expr;
import io.strata.logql.syntax.LogqlParser;
import io.strata.model.Labels;
import io.strata.model.StrataException;

/**
 * A tail request's parameters as Loki's {@code ParseTailQuery} reads them (all failures are 400s,
 * raised before the WebSocket upgrade): {@code query} parsed and validated, the legacy
 * {@code regexp} appended as a {@code |~} filter, {@code limit} (default 100), {@code start}
 * (default now − 1h) and {@code delay_for} (0–5 s).
 */
record TailParams(String query, Expr expr, int limit, long startNanos, int delayForSeconds) {
    static final int MAX_DELAY_FOR = 5;

    static TailParams parse(QueryParams p) {
        String query = p.query();
        Expr expr = LogqlParser.parse(query);
        String regexp = p.get("regexp");
        if (!regexp.isEmpty()) {
            LogqlParser.parseLogSelector(query, true);
            query = query + " |~ " + Labels.quote(regexp);
            expr = LogqlParser.parse(query);
        }
        int limit = p.limit();
        long start = p.bounds().startNanos();
        long delay = QueryContexts.atoi(p.get("delay_for"), 0);
        if (delay < 0 || delay > 0xFFFFFFFFL) {
            throw StrataException.badRequest("delay_for value " + delay + " is out of range [0, 4294967295]");
        }
        if (delay > MAX_DELAY_FOR) {
            throw StrataException.badRequest("delay_for can't be greater than " + MAX_DELAY_FOR);
        }
        return new TailParams(query, expr, limit, start, (int) delay);
    }
}
