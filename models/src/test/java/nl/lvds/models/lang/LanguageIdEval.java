package nl.lvds.models.lang;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Prints accuracy per label and per kind, the confusion counts and every error on the labelled set,
 * for {@link LanguageId} and for the optimaize reference.
 *
 * <p>Optional args: eight numbers overriding {@link LanguageId.Params} (for tuning), in record
 * order.
 */
public final class LanguageIdEval {

    private LanguageIdEval() {}

    public static void main(String[] args) {
        List<LangIdCases.Case> cases = LangIdCases.load();
        LanguageId ours =
                args.length >= 8
                        ? LanguageId.load(
                                new LanguageId.Params(
                                        Double.parseDouble(args[0]),
                                        Double.parseDouble(args[1]),
                                        Double.parseDouble(args[2]),
                                        Double.parseDouble(args[3]),
                                        Double.parseDouble(args[4]),
                                        Double.parseDouble(args[5]),
                                        Integer.parseInt(args[6]),
                                        Double.parseDouble(args[7])))
                        : LanguageId.get();
        String explain = System.getProperty("explain");
        if (explain != null) {
            for (String t : explain.split("\\|")) {
                System.out.println(t + " -> " + ours.detect(t) + " " + ours.explain(t));
            }
            return;
        }
        boolean quiet = Boolean.getBoolean("quiet");
        report("LanguageId", cases, ours::detect, quiet);
        if (!Boolean.getBoolean("skipOptimaize")) {
            for (boolean shortText : new boolean[] {false, true}) {
                OptimaizeReference ref = new OptimaizeReference(shortText);
                report(ref.name(), cases, ref::detect, quiet);
            }
        }
    }

    static void report(
            String name, List<LangIdCases.Case> cases, UnaryOperator<String> f, boolean quiet) {
        LangIdCases.Tally t = LangIdCases.tally(cases, f);
        System.out.println("== " + name + " on " + cases.size() + " cases: " + t.summary());
        if (quiet) {
            return;
        }
        StringBuilder kinds = new StringBuilder();
        for (Map.Entry<String, int[]> e : t.perKind().entrySet()) {
            kinds.append(String.format("%s %d/%d  ", e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        System.out.println("   per kind: " + kinds);
        System.out.println("   confusion: " + t.confusion());
        t.errors().forEach(e -> System.out.println("   ERR " + e));
    }
}
