package io.strata.logql.script;

import io.strata.logql.engine.InMemoryQuerier;
import io.strata.logql.engine.Querier;
import io.strata.model.PushStream;
import java.util.List;

/**
 * Where a script's data lives: builds a {@link Querier} holding the given streams. The scripts
 * run against {@link #IN_MEMORY}; the storage work adds factories that push through the head,
 * flush to local disk or S3, and read back through storage — the same scripts, same answers.
 */
@FunctionalInterface
public interface QuerierFactory {
    QuerierFactory IN_MEMORY = streams -> {
        InMemoryQuerier q = new InMemoryQuerier();
        streams.forEach(q::push);
        return q;
    };

    Querier load(List<PushStream> streams);
}
