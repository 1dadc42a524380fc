package nl.lvds.models.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What the live classifier needs at run time: the compiled weights plus the calibration and
 * decision thresholds, in a flat binary file that loads in milliseconds. It is derived from the
 * CoreNLP {@link ModelBundle} by {@link #of}; a test checks that both score identically.
 *
 * @param version model version
 * @param features feature configuration
 * @param topics topic labels, in score order
 * @param weights the compiled weight table
 * @param plattA per-topic Platt slope
 * @param plattB per-topic Platt intercept
 * @param topicThresholds per-topic decision thresholds
 * @param tensionTemperature softmax temperature for tension
 * @param hostileThreshold P(hostile) threshold
 */
public record RuntimeModel(
        String version,
        FeatureConfig features,
        List<String> topics,
        LinearModel weights,
        double[] plattA,
        double[] plattB,
        double[] topicThresholds,
        double tensionTemperature,
        double hostileThreshold) {

    private static final int MAGIC = 0x4c564453; // "LVDS"
    private static final int FORMAT = 2;

    /** Compiles a trained bundle. */
    public static RuntimeModel of(ModelBundle b) {
        return new RuntimeModel(
                b.version(),
                b.features(),
                b.topics(),
                LinearModel.compile(b),
                b.plattA().clone(),
                b.plattB().clone(),
                b.topicThresholds().clone(),
                b.tensionTemperature(),
                b.hostileThreshold());
    }

    /** Writes the model (gzip, big-endian binary). */
    public void write(OutputStream out) throws IOException {
        try (DataOutputStream d = new DataOutputStream(new GZIPOutputStream(out, 1 << 16))) {
            d.writeInt(MAGIC);
            d.writeInt(FORMAT);
            d.writeUTF(version);
            d.writeInt(features.charNgramMin());
            d.writeInt(features.charNgramMax());
            d.writeInt(features.charNgramMinTokenLength());
            d.writeBoolean(features.bigrams());
            d.writeInt(features.negationScope());
            d.writeInt(features.groupWords());
            d.writeInt(topics.size());
            for (int t = 0; t < topics.size(); t++) {
                d.writeUTF(topics.get(t));
                d.writeDouble(plattA[t]);
                d.writeDouble(plattB[t]);
                d.writeDouble(topicThresholds[t]);
            }
            d.writeDouble(tensionTemperature);
            d.writeDouble(hostileThreshold);
            weights.write(d);
        }
    }

    /** Reads a model written by {@link #write}. */
    public static RuntimeModel read(InputStream in) throws IOException {
        try (DataInputStream d =
                new DataInputStream(
                        new java.io.BufferedInputStream(
                                new GZIPInputStream(in, 1 << 16), 1 << 16))) {
            if (d.readInt() != MAGIC || d.readInt() != FORMAT) {
                throw new IOException("not an LVDS runtime model (format " + FORMAT + ")");
            }
            String version = d.readUTF();
            FeatureConfig fc =
                    new FeatureConfig(
                            d.readInt(),
                            d.readInt(),
                            d.readInt(),
                            d.readBoolean(),
                            d.readInt(),
                            d.readInt());
            int n = d.readInt();
            List<String> topics = new ArrayList<>(n);
            double[] a = new double[n];
            double[] b = new double[n];
            double[] th = new double[n];
            for (int t = 0; t < n; t++) {
                topics.add(d.readUTF());
                a[t] = d.readDouble();
                b[t] = d.readDouble();
                th[t] = d.readDouble();
            }
            double temperature = d.readDouble();
            double hostile = d.readDouble();
            return new RuntimeModel(
                    version,
                    fc,
                    List.copyOf(topics),
                    LinearModel.read(d),
                    a,
                    b,
                    th,
                    temperature,
                    hostile);
        }
    }
}
