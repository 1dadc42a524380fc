package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One benchmark suite: measures, writes its figures into its JSON object and table rows. */
public interface Suite {

    /** The name used by {@code --only} and as the JSON field. */
    String name();

    /**
     * Runs the suite.
     *
     * @param ctx shared broker, archive, sizes and progress output
     * @param json this suite's object in the results JSON
     * @param rows the table rows to print
     */
    void run(BenchContext ctx, ObjectNode json, List<Row> rows) throws Exception;
}
