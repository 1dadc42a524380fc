package nl.lvds.pipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar {@code target/lvds-job.jar} as built by {@code package} (runs in Failsafe's
 * {@code integration-test} phase): its Main-Class is the class docker/compose.yaml and the
 * FlinkDeployment submit, it carries the connectors, our modules, CoreNLP and Jackson with merged
 * service files, and it leaves out Flink's runtime, logging, the CLI and the embedded broker.
 */
class ShadedJobJarITCase {

    static final String JOB_CLASS = "nl.lvds.pipeline.job.LiveJob";

    static JarFile jar() throws IOException {
        Path p = Path.of(System.getProperty("lvds.jobJar", "target/lvds-job.jar"));
        assertThat(p).as("the shaded job jar; `mvn verify` builds it in `package`").exists();
        return new JarFile(p.toFile());
    }

    static String text(JarFile jar, String entry) throws IOException {
        ZipEntry e = jar.getEntry(entry);
        assertThat(e).as(entry).isNotNull();
        try (InputStream in = jar.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldStartTheLiveJobAndCarryWhatTheClusterDoesNotProvide() throws IOException {
        try (JarFile jar = jar()) {
            Manifest m = jar.getManifest();
            assertThat(m.getMainAttributes().getValue("Main-Class")).isEqualTo(JOB_CLASS);
            for (String cls :
                    List.of(
                            JOB_CLASS,
                            "nl.lvds.pipeline.job.TensionTopology",
                            "nl.lvds.connectors.kafka.KafkaSources",
                            "nl.lvds.models.codec.LvdsJson",
                            "org.apache.flink.connector.kafka.source.KafkaSource",
                            "org.apache.flink.connector.kafka.sink.KafkaSink",
                            "org.apache.flink.connector.file.src.FileSource",
                            "org.apache.flink.connector.base.source.reader.SourceReaderBase",
                            "org.apache.kafka.clients.producer.KafkaProducer",
                            "edu.stanford.nlp.process.PTBTokenizer",
                            "com.fasterxml.jackson.databind.ObjectMapper",
                            "com.fasterxml.jackson.dataformat.yaml.YAMLFactory")) {
                assertThat(jar.getEntry(cls.replace('.', '/') + ".class"))
                        .as("%s in the job jar", cls)
                        .isNotNull();
            }
            // ServicesResourceTransformer: service files of several jars merged, not overwritten
            assertThat(text(jar, "META-INF/services/com.fasterxml.jackson.databind.Module"))
                    .contains("Jdk8Module", "JavaTimeModule");
        }
    }

    @Test
    void shouldLeaveOutFlinksRuntimeLoggingTheCliAndTheBrokerAndCarryNoSignatures()
            throws IOException {
        List<String> forbidden =
                List.of(
                        "org/apache/flink/runtime/",
                        "org/apache/flink/streaming/api/environment/",
                        "org/apache/flink/client/",
                        "org/apache/flink/api/common/",
                        "org/apache/logging/log4j/",
                        "org/slf4j/",
                        "picocli/",
                        "kafka/server/",
                        "org/apache/kafka/raft/",
                        "org/apache/kafka/metadata/",
                        "org/apache/kafka/coordinator/",
                        "scala/",
                        "nl/lvds/broker/",
                        "nl/lvds/dashboards/",
                        "io/javalin/",
                        "org/eclipse/jetty/",
                        "org/junit/");
        try (JarFile jar = jar()) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            for (String prefix : forbidden) {
                assertThat(names)
                        .as("entries under " + prefix)
                        .noneMatch(n -> n.startsWith(prefix));
            }
            assertThat(names)
                    .as("signature files")
                    .noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"));
        }
    }
}
