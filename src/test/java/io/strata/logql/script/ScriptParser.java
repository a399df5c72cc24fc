package io.strata.logql.script;

import io.strata.logql.script.LogqlScript.Command;
import io.strata.logql.script.LogqlScript.Eval;
import io.strata.logql.script.LogqlScript.Expectation;
import io.strata.model.Direction;
import io.strata.model.Labels;
import io.strata.model.LogEntry;
import io.strata.model.PushStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses the {@code .test} format (see {@code src/test/resources/logql/README.md}). */
final class ScriptParser {
    private final String name;
    private final List<String> lines;
    private int i;

    private ScriptParser(String name, String text) {
        this.name = name;
        this.lines = text.lines().toList();
    }

    static LogqlScript parse(String name, String text) {
        return new ScriptParser(name, text).parse();
    }

    private LogqlScript parse() {
        List<Command> commands = new ArrayList<>();
        while (i < lines.size()) {
            String line = lines.get(i);
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                i++;
                continue;
            }
            try {
                if (t.startsWith("load ")) {
                    commands.add(load());
                } else if (t.startsWith("set ")) {
                    ScriptText x = new ScriptText(t);
                    x.word();
                    commands.add(new LogqlScript.Set(x.word(), Integer.parseInt(x.word())));
                    i++;
                } else if (t.startsWith("eval ")) {
                    commands.add(eval());
                } else {
                    throw new IllegalArgumentException("unexpected line: " + t);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new LogqlScript(name, commands);
    }

    private boolean indentedBody() {
        if (i >= lines.size()) {
            return false;
        }
        String l = lines.get(i);
        return !l.isBlank() && Character.isWhitespace(l.charAt(0));
    }

    private Command load() {
        i++;
        Map<Labels, List<LogEntry>> streams = new LinkedHashMap<>();
        List<LogEntry> current = null;
        while (indentedBody()) {
            String t = lines.get(i).trim();
            i++;
            if (t.startsWith("#")) {
                continue;
            }
            ScriptText x = new ScriptText(t);
            if (t.startsWith("{")) {
                current = streams.computeIfAbsent(x.labels(), l -> new ArrayList<>());
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException("entry before a stream header");
            }
            if (t.startsWith("every ")) {
                x.word();
                long every = x.duration();
                x.expectWord("from");
                long from = x.duration();
                String times = x.word();
                int n = Integer.parseInt(times.substring(1));
                String line = x.quoted();
                Labels md = x.atEnd() ? Labels.EMPTY : x.labels();
                for (int k = 0; k < n; k++) {
                    current.add(new LogEntry(LogqlScript.T0 + from + k * every, line, md));
                }
                continue;
            }
            long ts = x.duration();
            String line = x.quoted();
            Labels md = x.atEnd() ? Labels.EMPTY : x.labels();
            current.add(new LogEntry(LogqlScript.T0 + ts, line, md));
        }
        List<PushStream> out = new ArrayList<>();
        streams.forEach((l, e) -> out.add(new PushStream(l, e)));
        return new LogqlScript.Load(out);
    }

    private Command eval() {
        int lineNo = i + 1;
        ScriptText x = new ScriptText(lines.get(i).trim());
        i++;
        x.expectWord("eval");
        String kindWord = x.word();
        LogqlScript.Kind kind;
        long start;
        long end;
        long step = 0;
        int limit = 100;
        Direction direction = Direction.BACKWARD;
        long interval = 0;
        switch (kindWord) {
            case "instant" -> {
                kind = LogqlScript.Kind.INSTANT;
                x.expectWord("at");
                start = end = LogqlScript.T0 + x.duration();
            }
            case "range", "logs" -> {
                kind = kindWord.equals("range") ? LogqlScript.Kind.RANGE : LogqlScript.Kind.LOGS;
                x.expectWord("from");
                start = LogqlScript.T0 + x.duration();
                x.expectWord("to");
                end = LogqlScript.T0 + x.duration();
                boolean options = true;
                while (options) {
                    int mark = x.position();
                    switch (x.word()) {
                        case "step" -> step = x.duration();
                        case "limit" -> limit = Integer.parseInt(x.word());
                        case "direction" -> direction = Direction.valueOf(x.word().toUpperCase(java.util.Locale.ROOT));
                        case "interval" -> interval = x.duration();
                        default -> {
                            x.seek(mark);
                            options = false;
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown eval kind " + kindWord);
        }
        String query = x.rest();
        Expectation expectation = expectation(kind);
        return new Eval(lineNo, kind, query, start, end, step, limit, direction, interval, expectation);
    }

    private Expectation expectation(LogqlScript.Kind kind) {
        List<String> body = new ArrayList<>();
        while (indentedBody()) {
            String t = lines.get(i).trim();
            i++;
            if (!t.startsWith("#")) {
                body.add(t);
            }
        }
        if (!body.isEmpty() && body.get(0).startsWith("expect fail")) {
            String rest = body.get(0).substring("expect fail".length()).trim();
            if (rest.startsWith("quoted:")) {
                return new LogqlScript.Failure("msg", new ScriptText(rest.substring("quoted:".length())).quoted());
            }
            for (String mode : List.of("msg:", "prefix:", "regex:")) {
                if (rest.startsWith(mode)) {
                    String text = rest.substring(mode.length()).trim();
                    return new LogqlScript.Failure(mode.substring(0, mode.length() - 1), text);
                }
            }
            return new LogqlScript.Failure("any", null);
        }
        return switch (kind) {
            case INSTANT -> vector(body);
            case RANGE -> matrix(body);
            case LOGS -> streams(body);
        };
    }

    private static Expectation vector(List<String> body) {
        List<LogqlScript.ExpectedSample> samples = new ArrayList<>();
        Double scalar = null;
        for (String t : body) {
            ScriptText x = new ScriptText(t);
            if (t.startsWith("scalar")) {
                x.word();
                scalar = ScriptText.parseValue(x.word());
                continue;
            }
            Labels l = x.labels();
            samples.add(new LogqlScript.ExpectedSample(l, ScriptText.parseValue(x.word())));
        }
        return new LogqlScript.VectorResult(samples, scalar);
    }

    private static Expectation matrix(List<String> body) {
        List<LogqlScript.ExpectedSeries> series = new ArrayList<>();
        for (String t : body) {
            ScriptText x = new ScriptText(t);
            Labels l = x.labels();
            List<Double> values = new ArrayList<>();
            while (!x.atEnd()) {
                String w = x.word();
                values.add(w.equals("_") ? null : ScriptText.parseValue(w));
            }
            series.add(new LogqlScript.ExpectedSeries(l, values));
        }
        return new LogqlScript.MatrixResult(series);
    }

    private static Expectation streams(List<String> body) {
        List<LogqlScript.ExpectedStream> streams = new ArrayList<>();
        Labels current = null;
        List<LogqlScript.ExpectedEntry> entries = null;
        for (String t : body) {
            ScriptText x = new ScriptText(t);
            if (t.startsWith("{")) {
                if (current != null) {
                    streams.add(new LogqlScript.ExpectedStream(current, entries));
                }
                current = x.labels();
                entries = new ArrayList<>();
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException("entry before a stream header");
            }
            long ts = LogqlScript.T0 + x.duration();
            entries.add(new LogqlScript.ExpectedEntry(ts, x.quoted()));
        }
        if (current != null) {
            streams.add(new LogqlScript.ExpectedStream(current, entries));
        }
        return new LogqlScript.StreamsResult(streams);
    }
}
