package nl.lvds.pipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Static checks of the deployment files (no Docker engine runs here): docker/compose.yaml, the
 * Dockerfiles, docker/flink/conf/config.yaml and docker/k8s/ parsed with Jackson YAML and checked
 * against each other, the poms and config/lvds.yaml. Whether the shaded jar itself holds the job
 * class is checked by ShadedJobJarITCase, after {@code package}.
 */
class DockerFilesTest {

    static Path root;
    static JsonNode compose;
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @BeforeAll
    static void load() throws IOException {
        Path here = Path.of("").toAbsolutePath();
        root = here;
        while (!Files.isDirectory(root.resolve("docker"))) {
            root = root.getParent();
        }
        compose = YAML.readTree(root.resolve("docker/compose.yaml").toFile());
    }

    static Map<String, JsonNode> services() {
        Map<String, JsonNode> m = new HashMap<>();
        compose.path("services").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    static List<Path> dockerfiles() throws IOException {
        try (Stream<Path> s = Files.walk(root.resolve("docker"))) {
            return s.filter(p -> p.getFileName().toString().equals("Dockerfile")).toList();
        }
    }

    static void assertPinned(String where, String image) {
        assertThat(image).as(where + ": image").isNotBlank();
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        assertThat(colon).as(where + ": " + image + " has a tag").isGreaterThan(Math.max(slash, 0));
        String tag = image.substring(colon + 1);
        assertThat(tag).as(where + ": " + image + " is pinned").isNotEqualTo("latest");
        assertThat(tag)
                .as(where + ": " + image + " names a version, not a moving major")
                .matches(".*\\d+\\.\\d+.*");
    }

    @Test
    void shouldPinEveryImageInComposeAndDockerfiles() throws IOException {
        services()
                .forEach(
                        (name, s) -> {
                            if (s.has("image")) {
                                assertPinned("service " + name, s.path("image").asText());
                            } else {
                                assertThat(s.has("build")).as(name + " builds an image").isTrue();
                            }
                        });
        List<Path> files = dockerfiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        Pattern from = Pattern.compile("(?im)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?");
        for (Path f : files) {
            Set<String> stages = new HashSet<>();
            Matcher m = from.matcher(Files.readString(f));
            int n = 0;
            while (m.find()) {
                n++;
                if (!stages.contains(m.group(1))) {
                    assertPinned(root.relativize(f).toString(), m.group(1));
                }
                if (m.group(2) != null) {
                    stages.add(m.group(2));
                }
            }
            assertThat(n).as(f + " is multi-stage").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void shouldBuildAndRunOnTheSameJdkAsNonRoot() throws IOException {
        for (Path f : dockerfiles()) {
            String text = Files.readString(f);
            List<String> froms =
                    text.lines()
                            .filter(l -> l.startsWith("FROM "))
                            .map(l -> l.split("\\s+")[1])
                            .toList();
            for (String image : froms) {
                assertThat(image)
                        .as(f + ": every stage on Eclipse Temurin 17")
                        .matches(
                                "maven:[\\d.]+-eclipse-temurin-17|eclipse-temurin:17[\\w.-]*"
                                        + "|flink:[\\d.]+-java17");
            }
            // the last stage's user is not root (the flink image's user is flink)
            String lastStage = text.substring(text.lastIndexOf("\nFROM "));
            assertThat(lastStage)
                    .as(f + ": last stage sets a non-root USER")
                    .containsPattern("(?m)^USER (?!root)\\w+");
            assertThat(text).as(f + ": has a HEALTHCHECK line").contains("HEALTHCHECK");
        }
    }

    @Test
    void shouldDeclareEveryNamedVolumeAndUseEveryDeclaredOne() {
        Set<String> declared = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(declared::add);
        Set<String> used = new HashSet<>();
        services()
                .forEach(
                        (name, s) -> {
                            for (JsonNode v : s.path("volumes")) {
                                String source = v.asText().split(":")[0];
                                if (source.startsWith(".") || source.startsWith("/")) {
                                    Path host = root.resolve("docker").resolve(source).normalize();
                                    assertThat(host)
                                            .as(name + ": bind-mounted " + source + " exists")
                                            .exists();
                                } else {
                                    used.add(source);
                                    assertThat(declared)
                                            .as(name + ": named volume " + source + " declared")
                                            .contains(source);
                                }
                            }
                        });
        assertThat(used).as("declared volumes that nothing mounts").containsAll(declared);
    }

    @Test
    void shouldPublishEachHostPortOnceAndGiveLongRunningServicesAHealthcheck() {
        Map<String, String> hostPorts = new HashMap<>();
        services()
                .forEach(
                        (name, s) -> {
                            for (JsonNode p : s.path("ports")) {
                                // [bind address:]host:container
                                String[] all = p.asText().split(":");
                                String[] parts =
                                        all.length == 3 ? new String[] {all[1], all[2]} : all;
                                assertThat(parts)
                                        .as(name + ": port " + p.asText() + " is host:container")
                                        .hasSize(2);
                                String previous = hostPorts.put(parts[0], name);
                                assertThat(previous)
                                        .as("host port " + parts[0] + " of " + name)
                                        .isNull();
                            }
                            boolean oneShot = s.path("restart").asText().equals("no");
                            if (!oneShot) {
                                assertThat(s.has("healthcheck"))
                                        .as(name + " has a healthcheck")
                                        .isTrue();
                            }
                        });
        assertThat(hostPorts).containsKeys("8080", "8081");
    }

    @Test
    void shouldGateOptionalServicesBehindProfiles() {
        Map<String, JsonNode> s = services();
        assertThat(s.get("prometheus").path("profiles").toString()).contains("monitoring");
        assertThat(s.get("grafana").path("profiles").toString()).contains("monitoring");
        assertThat(s.get("generator").path("profiles").toString()).contains("demo");
        for (String core : List.of("kafka", "jobmanager", "taskmanager", "job-client")) {
            assertThat(s.get(core).has("profiles")).as(core + " always runs").isFalse();
        }
        // dependencies name existing services
        s.forEach(
                (name, svc) -> {
                    JsonNode deps = svc.path("depends_on");
                    Iterator<String> it =
                            deps.isArray() ? toList(deps).iterator() : deps.fieldNames();
                    it.forEachRemaining(d -> assertThat(s).as(name + " depends on").containsKey(d));
                });
    }

    static List<String> toList(JsonNode array) {
        List<String> l = new ArrayList<>();
        array.forEach(n -> l.add(n.asText()));
        return l;
    }

    @Test
    void shouldSubmitAJobClassThatExistsAndIsTheJarsMainClassInComposeAndKubernetes()
            throws Exception {
        JsonNode client = services().get("job-client").path("environment");
        String jobClass = client.path("JOB_CLASS").asText();
        Class<?> c = Class.forName(jobClass);
        Method main = c.getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).isTrue();

        // the shade plugin writes the same class as Main-Class of target/lvds-job.jar
        Document pom = xml(root.resolve("pipeline/job/pom.xml"));
        NodeList mains = pom.getElementsByTagName("mainClass");
        assertThat(mains.getLength()).isEqualTo(1);
        assertThat(mains.item(0).getTextContent().trim()).isEqualTo(jobClass);
        assertThat(client.path("JOB_JAR").asText()).endsWith("/lvds-job.jar");
        assertThat(pom.getElementsByTagName("finalName").item(0).getTextContent())
                .isEqualTo("lvds-job");

        // the parallelism fits the topics' partitions
        int partitions =
                services().get("kafka-topics").path("environment").path("PARTITIONS").asInt();
        assertThat(partitions).isGreaterThanOrEqualTo(client.path("PARALLELISM").asInt());

        // Kubernetes: same class, same jar, same Flink version as the build and compose
        JsonNode fd = YAML.readTree(root.resolve("docker/k8s/flink-deployment.yaml").toFile());
        assertThat(fd.path("kind").asText()).isEqualTo("FlinkDeployment");
        assertThat(fd.path("spec").path("job").path("entryClass").asText()).isEqualTo(jobClass);
        assertThat(fd.path("spec").path("job").path("jarURI").asText())
                .isEqualTo("local://" + client.path("JOB_JAR").asText());
        assertThat(fd.path("spec").path("job").path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(
                        fd.path("spec")
                                .path("flinkConfiguration")
                                .path("high-availability.type")
                                .asText())
                .isEqualTo("kubernetes");
        assertThat(fd.path("spec").path("jobManager").path("resource").has("memory")).isTrue();
        assertThat(fd.path("spec").path("taskManager").path("resource").has("cpu")).isTrue();

        String flinkVersion = property(xml(root.resolve("pom.xml")), "flink.version");
        String[] v = flinkVersion.split("\\.");
        assertThat(fd.path("spec").path("flinkVersion").asText())
                .isEqualTo("v" + v[0] + "_" + v[1]);
        for (String svc : List.of("jobmanager", "taskmanager")) {
            assertThat(services().get(svc).path("image").asText())
                    .isEqualTo("flink:" + flinkVersion + "-java17");
        }
        assertThat(Files.readString(root.resolve("docker/pipeline/Dockerfile")))
                .contains("FROM flink:" + flinkVersion + "-java17 AS job-client");
    }

    @Test
    void shouldConfigureFlinkWithConfigYamlStateOnTheVolumeAndPrometheus() throws IOException {
        Path conf = root.resolve("docker/flink/conf");
        assertThat(conf.resolve("flink-conf.yaml"))
                .as("Flink 2.x reads only config.yaml")
                .doesNotExist();
        JsonNode c = YAML.readTree(conf.resolve("config.yaml").toFile());
        // the heap backend: measured about 5x faster than RocksDB for this job
        // (docs/benchmarks.md);
        // the canary test scans the same backend's checkpoints
        assertThat(c.at("/state/backend/type").asText()).isEqualTo("hashmap");
        assertThat(Files.readString(root.resolve("docker/k8s/flink-deployment.yaml")))
                .contains("state.backend.type: hashmap");
        assertThat(c.at("/metrics/reporter/prom/factory/class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        String checkpoints = c.at("/execution/checkpointing/dir").asText();
        String savepoints = c.at("/execution/checkpointing/savepoint-dir").asText();
        for (String svc : List.of("jobmanager", "taskmanager", "job-client")) {
            String stateMount =
                    toList(services().get(svc).path("volumes")).stream()
                            .filter(m -> m.startsWith("flink-state:"))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(svc + " mounts flink-state"))
                            .split(":")[1];
            assertThat(checkpoints).startsWith("file://" + stateMount + "/");
            assertThat(savepoints).startsWith("file://" + stateMount + "/");
        }
        assertThat(c.at("/taskmanager/numberOfTaskSlots").asInt())
                .isGreaterThanOrEqualTo(
                        services()
                                .get("job-client")
                                .path("environment")
                                .path("PARALLELISM")
                                .asInt());
    }

    @Test
    void shouldRetainOutputTopicsAsLongAsThePrivacyConfigSays() throws IOException {
        JsonNode retention =
                YAML.readTree(root.resolve("config/lvds.yaml").toFile())
                        .path("privacy")
                        .path("retention");
        JsonNode env = services().get("kafka-topics").path("environment");
        long day = 86_400_000L;
        assertThat(env.path("INDICATORS_RETENTION_MS").asLong())
                .isEqualTo(retention.path("indicatorsDays").asLong() * day);
        assertThat(env.path("ALERTS_RETENTION_MS").asLong())
                .isEqualTo(retention.path("alertsDays").asLong() * day);
        assertThat(env.path("DEADLETTER_RETENTION_MS").asLong())
                .isEqualTo(retention.path("deadletterHours").asLong() * 3_600_000L);
        // raw text sits only in the input topic: never longer than a day
        assertThat(env.path("SIGNALS_RETENTION_MS").asLong()).isPositive().isLessThanOrEqualTo(day);
        // public incident feeds (incidents, p2000): at most a week (docs/privacy.md)
        assertThat(env.path("INCIDENTS_RETENTION_MS").asLong())
                .isPositive()
                .isLessThanOrEqualTo(7 * day);
        String script = Files.readString(root.resolve("docker/kafka/create-topics.sh"));
        assertThat(script)
                .as("the input topics are created with their short retention")
                .contains(
                        "create lvds.signals \"$PARTITIONS\" \"retention.ms=$SIGNALS_RETENTION_MS\"")
                .contains(
                        "create lvds.incidents \"$PARTITIONS\" \"retention.ms=$INCIDENTS_RETENTION_MS\"")
                .contains(
                        "create lvds.p2000 \"$PARTITIONS\" \"retention.ms=$INCIDENTS_RETENTION_MS\"");
        for (String var :
                List.of(
                        "SIGNALS_RETENTION_MS",
                        "INDICATORS_RETENTION_MS",
                        "ALERTS_RETENTION_MS",
                        "DEADLETTER_RETENTION_MS")) {
            assertThat(script).as("create-topics.sh uses " + var).contains("$" + var);
        }
        for (String topic : nl.lvds.models.config.LvdsConfig.Topics.DEFAULT.all()) {
            assertThat(script)
                    .as("create-topics.sh creates every topic of the config: " + topic)
                    .contains("create " + topic + " ");
        }
    }

    @Test
    void shouldRunTheDashboardServerClassOfTheDashboardsModule() throws IOException {
        String dockerfile = Files.readString(root.resolve("docker/dashboards/Dockerfile"));
        String k8s = Files.readString(root.resolve("docker/k8s/dashboard.yaml"));
        assertThat(dockerfile).contains("\"nl.lvds.dashboards.DashboardServer\"");
        // production takes its accounts and single sign-on settings from the environment and
        // secrets, never from config/dashboard.yaml with its demo accounts
        assertThat(dockerfile).contains("docker/dashboards/dashboard.yaml");
        assertThat(k8s).contains("/etc/lvds-dashboard/dashboard.yaml", "secretRef");
        assertThat(dockerfile).contains("-pl dashboards");
        assertThat(k8s).contains("kind: Deployment", "resources:", "readinessProbe:");
    }

    @Test
    void shouldRunTheNotifierWithTheSharedPipelineConfigAndNoDemoFiles() throws IOException {
        JsonNode notifier = services().get("notifier");
        assertThat(notifier).as("compose has a notifier service").isNotNull();
        assertThat(notifier.path("command").toString())
                .contains("notify", "/etc/lvds-notifier/notifier.yaml");
        assertThat(toList(notifier.path("volumes")))
                .contains(
                        "../config/lvds.yaml:/etc/lvds/lvds.yaml:ro",
                        "./notifier/notifier.yaml:/etc/lvds-notifier/notifier.yaml:ro");
        // production containers see the pipeline configuration only, never config/ as a whole
        // (config/dashboard.yaml holds the demo accounts, config/notifier.yaml example addresses)
        services()
                .forEach(
                        (name, s) -> {
                            for (String v : toList(s.path("volumes"))) {
                                assertThat(v.split(":")[0])
                                        .as(name + " mounts " + v)
                                        .isNotIn("../config", "../config/");
                            }
                        });
        String k8s = Files.readString(root.resolve("docker/k8s/notifier.yaml"));
        assertThat(k8s)
                .contains(
                        "kind: Deployment",
                        "\"notify\"",
                        "secretRef: {name: lvds-notifier-smtp}",
                        "configMap: {name: lvds-config}",
                        "resources:");
        String production = Files.readString(root.resolve("docker/notifier/notifier.yaml"));
        assertThat(production).doesNotContain("@example", "password:");
    }

    static Document xml(Path p) throws IOException {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
        } catch (Exception e) {
            throw new IOException(p + ": " + e.getMessage(), e);
        }
    }

    static String property(Document pom, String name) {
        NodeList props = pom.getElementsByTagName("properties");
        Element p = (Element) props.item(0);
        return p.getElementsByTagName(name).item(0).getTextContent().trim();
    }
}
