package io.strata.logql.script;

import io.strata.logql.engine.EngineOptions;
import io.strata.logql.engine.QueryRequest;
import io.strata.logql.engine.QueryResult;
import io.strata.model.PushStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;

/**
 * Replays a {@code .test} script against another backend (e.g. the HTTP API): every
 * {@code load} and {@code eval} becomes one dynamic test, in file order, so data is pushed before
 * the evals that follow it. Evals under a {@code set} that changes an engine limit are skipped
 * (a server's limits are fixed). Only the expectations are checked, not the automatic cross-checks.
 */
public final class ScriptReplay {
    /** Where the script's data goes and its queries run; failures are {@code StrataException}s. */
    public interface Backend {
        void load(String script, List<PushStream> streams);

        QueryResult run(String script, QueryRequest request);
    }

    private ScriptReplay() {}

    /** The script's epoch in nanoseconds (offsets in scripts are from it). */
    public static long epochNanos() {
        return LogqlScript.T0;
    }

    public static List<DynamicTest> tests(String file, Backend backend) throws IOException {
        String text;
        try (InputStream in = ScriptReplay.class.getResourceAsStream("/logql/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        LogqlScript script = ScriptParser.parse(file, text);
        List<DynamicTest> out = new ArrayList<>();
        boolean defaults = true;
        for (LogqlScript.Command c : script.commands()) {
            switch (c) {
                case LogqlScript.Load l -> out.add(DynamicTest.dynamicTest(file + " load",
                        () -> backend.load(file, l.streams())));
                case LogqlScript.Set s -> defaults = switch (s.option()) {
                    case "max_query_series" -> s.value() == EngineOptions.DEFAULTS.maxQuerySeries();
                    case "max_entries" -> s.value() == EngineOptions.DEFAULTS.maxEntriesLimitPerQuery();
                    default -> false;
                };
                case LogqlScript.Eval e -> {
                    if (!defaults) {
                        continue;
                    }
                    String where = file + ":" + e.line() + " " + e.query();
                    QueryRequest request = ScriptRunner.request(e);
                    out.add(DynamicTest.dynamicTest(where, () -> {
                        try {
                            if (e.expectation() instanceof LogqlScript.Failure f) {
                                ResultCheck.failure(f, () -> backend.run(file, request));
                            } else {
                                ResultCheck.matches(e, backend.run(file, request));
                            }
                        } catch (AssertionError failure) {
                            throw new AssertionError(where + ": " + failure.getMessage(), failure);
                        }
                    }));
                }
            }
        }
        return out;
    }
}
