package nl.lvds.pipeline.generate;

import java.util.List;

/**
 * A scenario that cannot be used, with every problem found, each naming the field path ({@code
 * events[3].starts[0]: not a date-time ...}).
 */
public final class ScenarioException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * @param source the file (or "scenario") the problems are in
     * @param problems the problems, each "path: what is wrong"
     */
    public ScenarioException(String source, List<String> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, each "path: what is wrong". */
    public List<String> problems() {
        return problems;
    }

    private static String message(String source, List<String> problems) {
        if (problems.size() == 1) {
            return source + ": " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(source).append(": ").append(problems.size()).append(" problems");
        for (String p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        return sb.toString();
    }
}
