package io.strata.ruler;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Answers instant queries from per-expression functions; records every call. */
final class FakeQuerier implements RuleQuerier {
    record Call(String tenant, String expr, Instant at) {}

    final Map<String, Function<Instant, List<RuleSample>>> answers = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();

    FakeQuerier answer(String expr, List<RuleSample> result) {
        answers.put(expr, t -> result);
        return this;
    }

    FakeQuerier answer(String expr, Function<Instant, List<RuleSample>> f) {
        answers.put(expr, f);
        return this;
    }

    @Override
    public List<RuleSample> instantQuery(String tenant, String expr, Instant at) {
        calls.add(new Call(tenant, expr, at));
        Function<Instant, List<RuleSample>> f = answers.get(expr);
        return f == null ? List.of() : f.apply(at);
    }
}
