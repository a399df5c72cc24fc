package io.strata.logql.script;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every {@code src/test/resources/logql/*.test} script in memory: one dynamic test per {@code eval}. */
@org.junit.jupiter.api.Disabled("enabled once LogqlParser lands from logql-syntax")
class LogqlScriptTest {
    /** Storage-backed variants override this to run the same scripts through head, disk or S3. */
    protected QuerierFactory querierFactory() {
        return QuerierFactory.IN_MEMORY;
    }

    @TestFactory
    Stream<DynamicNode> scripts() throws IOException, URISyntaxException {
        Path dir = Path.of(LogqlScriptTest.class.getResource("/logql").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        List<DynamicNode> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            LogqlScript script = ScriptParser.parse(name, Files.readString(f));
            ScriptRunner runner = new ScriptRunner(querierFactory());
            List<DynamicNode> tests = new ArrayList<>();
            for (LogqlScript.Command c : script.commands()) {
                Runnable check = runner.apply(c);
                if (check != null && c instanceof LogqlScript.Eval e) {
                    tests.add(DynamicTest.dynamicTest(name + ":" + e.line() + " " + e.query(), check::run));
                }
            }
            out.add(DynamicContainer.dynamicContainer(name, tests));
        }
        return out.stream();
    }
}
