package nl.lvds.models.classify;

import edu.stanford.nlp.classify.LinearClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The trained model as stored on disk: CoreNLP {@link LinearClassifier}s (one binary per topic, one
 * three-class for tension) with the feature configuration, calibration and decision thresholds
 * chosen on the dev split. It is the source of truth; {@link LinearModel} is its compiled, fast
 * form.
 *
 * @param version model version, e.g. {@code lvds-1.0.0+3f9a2c1b} (corpus hash suffix)
 * @param features the feature configuration used in training
 * @param topics topic labels, in classifier order
 * @param topicClassifiers per topic, a classifier over labels {@code yes}/{@code no}
 * @param tensionClassifier classifier over labels {@code 0}/{@code 1}/{@code 2}
 * @param plattA per topic, Platt scaling slope on the logit
 * @param plattB per topic, Platt scaling intercept
 * @param topicThresholds per topic, the calibrated probability at or above which it is assigned
 * @param tensionTemperature temperature applied to the tension scores before the softmax
 * @param hostileThreshold calibrated P(hostile) at or above which a post is hostile
 */
public record ModelBundle(
        String version,
        FeatureConfig features,
        List<String> topics,
        List<LinearClassifier<String, Integer>> topicClassifiers,
        LinearClassifier<String, Integer> tensionClassifier,
        double[] plattA,
        double[] plattB,
        double[] topicThresholds,
        double tensionTemperature,
        double hostileThreshold)
        implements Serializable {

    @Serial private static final long serialVersionUID = 1L;

    /** The positive label of a topic classifier. */
    public static final String YES = "yes";

    /** The negative label of a topic classifier. */
    public static final String NO = "no";

    /** Writes the bundle, gzipped Java serialization (as CoreNLP's writeClassifier does). */
    public void write(OutputStream out) throws IOException {
        try (ObjectOutputStream oos = new ObjectOutputStream(new GZIPOutputStream(out))) {
            oos.writeObject(this);
        }
    }

    /** Reads a bundle written by {@link #write}. */
    public static ModelBundle read(InputStream in) throws IOException {
        try (ObjectInputStream ois = new ObjectInputStream(new GZIPInputStream(in, 1 << 16))) {
            return (ModelBundle) ois.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("not an LVDS model bundle", e);
        }
    }
}
