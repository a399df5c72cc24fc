package io.strata.logql.engine;

import io.strata.logql.log.Stage;
import io.strata.logql.syntax.LabelFilter;
import io.strata.logql.syntax.StageExpr;
import io.strata.model.ErrorCategory;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.List;

/** Builds the runtime stages of {@code io.strata.logql.log} from syntax stages (the planner's only use of their constructors). */
final class PipelineStages {
    private PipelineStages() {}

    static List<Stage> build(List<StageExpr> stages) {
        List<Stage> out = new ArrayList<>(stages.size());
        for (StageExpr s : stages) {
            out.add(stage(s));
        }
        return out;
    }

    static Stage stage(StageExpr s) {
        throw new StrataException(ErrorCategory.INTERNAL, "stage not supported yet: " + s);
    }

    static Stage labelFilter(LabelFilter f) {
        throw new StrataException(ErrorCategory.INTERNAL, "label filter not supported yet: " + f);
    }
}
