package nl.lvds.models.classify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Leave-one-word-out view of a tension decision, for error analysis on the dev split: {@code java
 * ... ExplainTension MODEL "text" ...} prints P(hostile) and, per word, P(hostile) without it.
 */
public final class ExplainTension {
    public static void main(String[] args) throws Exception {
        SignalClassifier c = SignalClassifier.load(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            String text = args[i];
            double p = c.classify(text, null, null).tensionScores()[2];
            System.out.printf("%.3f  %s%n", p, text);
            List<String> words = Arrays.asList(text.split(" "));
            for (int w = 0; w < words.size(); w++) {
                List<String> rest = new ArrayList<>(words);
                rest.remove(w);
                double q = c.classify(String.join(" ", rest), null, null).tensionScores()[2];
                System.out.printf("    %+.3f  %s%n", p - q, words.get(w));
            }
        }
    }
}
