package nl.lvds.pipeline.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A real multi-process Flink standalone session cluster for tests: one JobManager JVM and one
 * TaskManager JVM started from the Maven jars (no flink-dist), driven through Flink's own CLI and
 * REST API. Mirrors what Flink's start scripts do: memory flags from Flink's own process-spec
 * utilities, {@code config.yaml} in a conf dir, Java 17 {@code --add-opens}.
 */
final class StandaloneFlinkCluster implements AutoCloseable {

    /** What Flink needs opened on Java 17 (the list of Flink's env.java.opts.all default). */
    static final List<String> ADD_OPENS =
            Stream.of(
                            "java.base/java.util",
                            "java.base/java.lang",
                            "java.base/java.lang.reflect",
                            "java.base/java.io",
                            "java.base/java.net",
                            "java.base/java.nio",
                            "java.base/sun.nio.ch",
                            "java.base/java.time",
                            "java.base/java.text",
                            "java.base/java.math",
                            "java.base/java.util.concurrent",
                            "java.base/java.util.concurrent.atomic",
                            "java.base/java.util.concurrent.locks")
                    .flatMap(p -> Stream.of("--add-opens", p + "=ALL-UNNAMED"))
                    .toList();

    /**
     * The jars of the Flink distribution (flink-dist + lib/ of the official image), by artifact
     * name: the closure of flink-streaming-java, flink-clients and log4j. Connectors, Jackson,
     * kafka-clients and our own modules are deliberately NOT here: they must come from the job jar.
     */
    private static final Pattern DIST_JAR =
            Pattern.compile(
                    "(flink-(core|core-api|annotations|metrics-core|shaded-[a-z0-9-]+|file-sink-common"
                            + "|runtime|streaming-java|clients|datastream|datastream-api|rpc-core"
                            + "|rpc-akka-loader|hadoop-fs|queryable-state-client-java|connector-datagen)"
                            + "|snakeyaml-engine|kryo|reflectasm|objenesis|minlog"
                            + "|commons-(collections|compress|math3|io|lang3|text|cli)|jsr305"
                            + "|slf4j-api|log4j-(api|core|slf4j2-impl)|lz4-java|snappy-java"
                            + "|async-profiler|javassist)-\\d[^/]*\\.jar");

    private static final Pattern JOB_ID =
            Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");

    private static final List<Process> ALL = new CopyOnWriteArrayList<>();

    static {
        // Belt and braces: a JVM that dies without @AfterAll (Ctrl-C, a crash) leaves no orphans.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(StandaloneFlinkCluster::killAll, "kill-flink-jvms"));
    }

    private final Path home;
    private final Path conf;
    private final String classpath;
    private final int restPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Process> processes = new ArrayList<>();
    private List<String> taskManagerCommand;
    private Process taskManager;
    private int taskManagers;
    private final java.util.Set<String> killed = new java.util.HashSet<>();

    private StandaloneFlinkCluster(Path home, String classpath, int restPort) {
        this.home = home;
        this.conf = home.resolve("conf");
        this.classpath = classpath;
        this.restPort = restPort;
    }

    /** The Flink distribution jars found on this JVM's class path (see {@link #DIST_JAR}). */
    static String distributionClasspath() {
        List<String> jars =
                Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                        .filter(
                                e ->
                                        DIST_JAR.matcher(Path.of(e).getFileName().toString())
                                                .matches())
                        .filter(e -> !e.endsWith("-tests.jar"))
                        .toList();
        if (jars.stream().noneMatch(j -> j.contains("flink-runtime-"))
                || jars.stream().noneMatch(j -> j.contains("flink-clients-"))) {
            throw new IllegalStateException(
                    "flink-runtime / flink-clients not on java.class.path: " + jars);
        }
        return String.join(File.pathSeparator, jars);
    }

    /**
     * Writes {@code conf/config.yaml} under {@code home} and starts the JobManager and TaskManager
     * JVMs; {@link #awaitReady} waits for them.
     */
    static StandaloneFlinkCluster start(Path home, int slots) throws Exception {
        int rpc = Ports.free();
        int rest = Ports.free();
        StandaloneFlinkCluster c = new StandaloneFlinkCluster(home, distributionClasspath(), rest);
        Files.createDirectories(c.conf);
        Files.createDirectories(home.resolve("log"));
        String opens = String.join(" ", ADD_OPENS);
        Files.writeString(
                c.conf.resolve("config.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: localhost",
                        "jobmanager.rpc.port: " + rpc,
                        "jobmanager.bind-host: localhost",
                        "jobmanager.memory.process.size: 1024m",
                        "taskmanager.host: localhost",
                        "taskmanager.bind-host: localhost",
                        "taskmanager.rpc.port: 0",
                        "taskmanager.memory.process.size: 1536m",
                        "taskmanager.numberOfTaskSlots: " + slots,
                        "parallelism.default: " + slots,
                        "rest.address: localhost",
                        "rest.bind-address: localhost",
                        "rest.port: " + rest,
                        "blob.server.port: 0",
                        "cluster.registration.error-delay: 500ms",
                        "state.backend.type: hashmap",
                        "execution.checkpointing.dir: " + home.resolve("checkpoints").toUri(),
                        "execution.checkpointing.savepoint-dir: "
                                + home.resolve("savepoints").toUri(),
                        // As shipped (docker/flink/conf/config.yaml): exponential-delay, no
                        // attempt limit. fixed-delay with 10 attempts failed the killed-TaskManager
                        // test: its attempts count over the job's life, and every attempt while no
                        // TaskManager was registered failed at once (NoResourceAvailableException:
                        // "Could not acquire the minimum required resources"), so the first kill
                        // used all 10 (the new TaskManager took 23 s to register at load 40-65) and
                        // the second kill ended the job ("Recovery is suppressed").
                        "restart-strategy.type: exponential-delay",
                        "restart-strategy.exponential-delay.initial-backoff: 1s",
                        "restart-strategy.exponential-delay.max-backoff: 10s",
                        // a killed TaskManager is noticed after two failed heartbeat RPCs (~2 s),
                        // not after the 50 s heartbeat timeout
                        "heartbeat.interval: 1000",
                        "heartbeat.timeout: 20000",
                        "env.java.opts.all: " + opens,
                        ""));
        Files.writeString(
                c.conf.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = MainAppender",
                        "logger.kafka.name = org.apache.kafka",
                        "logger.kafka.level = WARN",
                        "appender.main.name = MainAppender",
                        "appender.main.type = File",
                        "appender.main.fileName = ${sys:log.file}",
                        "appender.main.layout.type = PatternLayout",
                        "appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                        ""));
        Configuration flinkConf = GlobalConfiguration.loadConfiguration(c.conf.toString());

        JobManagerProcessSpec jm = JobManagerProcessUtils.processSpecFromConfig(flinkConf);
        List<String> jmCmd = new ArrayList<>(c.java("jobmanager"));
        jmCmd.addAll(split(JobManagerProcessUtils.generateJvmParametersStr(jm, flinkConf)));
        jmCmd.addAll(
                List.of(
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        "--configDir",
                        c.conf.toString(),
                        "--executionMode",
                        "cluster"));
        jmCmd.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(jm)));
        c.spawn("jobmanager", jmCmd);

        TaskExecutorProcessSpec tm = TaskExecutorProcessUtils.processSpecFromConfig(flinkConf);
        List<String> tmCmd = new ArrayList<>(c.java("taskmanager"));
        tmCmd.addAll(split(ProcessMemoryUtils.generateJvmParametersStr(tm)));
        tmCmd.addAll(
                List.of(
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        "--configDir",
                        c.conf.toString()));
        tmCmd.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(tm)));
        c.taskManagerCommand = tmCmd;
        c.startTaskManager();
        return c;
    }

    /**
     * Starts a(nother) TaskManager JVM with the same configuration; its log goes to {@code
     * log/taskmanager-N.log}.
     */
    void startTaskManager() throws IOException {
        String role = taskManagers == 0 ? "taskmanager" : "taskmanager-" + taskManagers;
        taskManagers++;
        List<String> cmd = new ArrayList<>();
        for (String a : taskManagerCommand) {
            cmd.add(
                    a.startsWith("-Dlog.file=")
                            ? "-Dlog.file=" + home.resolve("log").resolve(role + ".log")
                            : a);
        }
        taskManager = spawn(role, cmd);
    }

    /**
     * Kills the current TaskManager JVM with SIGKILL ({@code kill -9}: no shutdown hooks, no
     * goodbye to the JobManager, open Kafka transactions left dangling) and waits until it is gone.
     */
    void killTaskManager() throws InterruptedException {
        JsonNode registered = getOrNull("/taskmanagers");
        if (registered != null) {
            registered.path("taskmanagers").forEach(t -> killed.add(t.path("id").asText()));
        }
        Process p = taskManager;
        processes.remove(p);
        ALL.remove(p);
        p.destroyForcibly(); // SIGKILL on Linux
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the TaskManager JVM survived SIGKILL");
        }
    }

    /**
     * Waits until the killed TaskManagers are gone from the ResourceManager and a new one has
     * registered {@code slots} slots.
     */
    void awaitNewTaskManager(int slots) {
        await(
                "a new TaskManager to register " + slots + " slots, the killed ones gone",
                Duration.ofSeconds(300),
                () -> {
                    JsonNode tms = getOrNull("/taskmanagers");
                    if (tms == null) {
                        return false;
                    }
                    int old = 0;
                    int fresh = 0;
                    for (JsonNode t : tms.path("taskmanagers")) {
                        if (killed.contains(t.path("id").asText())) {
                            old++;
                        } else {
                            fresh += t.path("slotsNumber").asInt();
                        }
                    }
                    return old == 0 && fresh == slots;
                });
    }

    /**
     * Polls {@code condition} for up to 10 minutes while the job runs or restarts; fails at once
     * with the job's latest exception if it FAILED or was CANCELED (e.g. out of restart attempts).
     * A failing check (a REST call timing out on a loaded machine) counts as not yet.
     */
    void awaitJob(String jobId, String what, BooleanSupplier condition) {
        await(
                what,
                Duration.ofMinutes(10),
                () -> {
                    JsonNode j = getOrNull("/jobs/" + jobId);
                    String state = j == null ? "" : j.path("state").asText();
                    if (state.equals("FAILED") || state.equals("CANCELED")) {
                        throw new AssertionError(
                                "job "
                                        + jobId
                                        + " is "
                                        + state
                                        + " while waiting for "
                                        + what
                                        + "; latest exception: "
                                        + latestException(jobId)
                                        + logs());
                    }
                    try {
                        return condition.getAsBoolean();
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
    }

    /** The first lines of the job's latest exception, from its exception history. */
    String latestException(String jobId) {
        JsonNode e =
                getOrNull("/jobs/" + jobId + "/exceptions") == null
                        ? null
                        : getOrNull("/jobs/" + jobId + "/exceptions")
                                .path("exceptionHistory")
                                .path("entries")
                                .path(0);
        if (e == null || e.isMissingNode()) {
            return "-";
        }
        String trace = e.path("stacktrace").asText();
        return trace.substring(0, Math.min(trace.length(), 800));
    }

    /** Waits until the TaskManager has registered its slots with the JobManager. */
    void awaitReady(int slots) {
        StandaloneFlinkCluster c = this;
        c.await(
                "the TaskManager to register " + slots + " slots",
                Duration.ofSeconds(90),
                () -> {
                    JsonNode o = c.getOrNull("/overview");
                    return o != null && o.path("slots-total").asInt() == slots;
                });
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isEmpty()).toList();
    }

    private List<String> java(String role) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ADD_OPENS);
        cmd.add("-XX:+UseParallelGC");
        cmd.add("-Dlog.file=" + home.resolve("log").resolve(role + ".log"));
        cmd.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        cmd.add("-cp");
        cmd.add(classpath);
        return cmd;
    }

    private Process spawn(String role, List<String> cmd) throws IOException {
        Path out = home.resolve("log").resolve(role + ".out");
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                        .start();
        processes.add(p);
        ALL.add(p);
        return p;
    }

    /** The REST base URL, e.g. {@code http://localhost:8081}. */
    String restUrl() {
        return "http://localhost:" + restPort;
    }

    /** The Flink conf dir ({@code config.yaml}). */
    Path confDir() {
        return conf;
    }

    /**
     * Submits a jar detached with {@code flink run} (Flink's own CliFrontend, in its own JVM as
     * {@code bin/flink} runs it), optionally from a savepoint; returns the job id.
     */
    String run(Path jar, int parallelism, String savepoint, String... programArgs)
            throws Exception {
        List<String> cmd = new ArrayList<>(java("client"));
        cmd.add("org.apache.flink.client.cli.CliFrontend");
        cmd.addAll(List.of("run", "-d", "-p", Integer.toString(parallelism)));
        if (savepoint != null) {
            cmd.addAll(List.of("-s", savepoint));
        }
        cmd.add(jar.toString());
        cmd.addAll(List.of(programArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("FLINK_CONF_DIR", conf.toString());
        Process p = pb.start();
        ALL.add(p);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        ALL.remove(p);
        Matcher m = JOB_ID.matcher(output);
        if (p.exitValue() != 0 || !m.find()) {
            throw new AssertionError(
                    "flink run failed (exit " + p.exitValue() + "):\n" + output + logs());
        }
        return m.group(1);
    }

    /** Waits until every task of the job is RUNNING. */
    void awaitRunning(String jobId) throws Exception {
        await(
                "job " + jobId + " to run all its tasks",
                Duration.ofSeconds(300),
                () -> {
                    JsonNode j = getOrNull("/jobs/" + jobId);
                    if (j == null) {
                        return false;
                    }
                    String state = j.path("state").asText();
                    if (state.equals("FAILED") || state.equals("CANCELED")) {
                        throw new AssertionError("job " + jobId + " is " + state + logs());
                    }
                    int total = 0;
                    for (JsonNode v : j.path("vertices")) {
                        total += v.path("parallelism").asInt();
                    }
                    return state.equals("RUNNING") && total > 0 && runningTasks(j) == total;
                });
    }

    private static int runningTasks(JsonNode job) {
        int n = 0;
        for (JsonNode v : job.path("vertices")) {
            n += v.path("tasks").path("RUNNING").asInt();
        }
        return n;
    }

    /** The job's state (RUNNING, FINISHED, ...). */
    String state(String jobId) throws Exception {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** The full state size of the job's latest completed checkpoint, in bytes. */
    long lastCheckpointSize(String jobId) throws Exception {
        return get("/jobs/" + jobId + "/checkpoints")
                .path("latest")
                .path("completed")
                .path("state_size")
                .asLong(-1);
    }

    /**
     * Stop-with-savepoint without draining ({@code POST /jobs/:id/stop}, drain false: no
     * MAX_WATERMARK, so windows stay open in the savepoint, as in an upgrade); returns the
     * savepoint path once the job is FINISHED.
     */
    String stopWithSavepoint(String jobId, Path dir) throws Exception {
        String body =
                json.writeValueAsString(
                        Map.of(
                                "targetDirectory",
                                dir.toUri().toString(),
                                "drain",
                                false,
                                "formatType",
                                "CANONICAL"));
        JsonNode trigger = post("/jobs/" + jobId + "/stop", body);
        String requestId = trigger.path("request-id").asText();
        String[] location = new String[1];
        await(
                "the savepoint of " + jobId,
                Duration.ofSeconds(120),
                () -> {
                    JsonNode s = getOrNull("/jobs/" + jobId + "/savepoints/" + requestId);
                    if (s == null || !s.path("status").path("id").asText().equals("COMPLETED")) {
                        return false;
                    }
                    JsonNode op = s.path("operation");
                    if (op.has("failure-cause")) {
                        throw new AssertionError(
                                "stop-with-savepoint failed: " + op.path("failure-cause") + logs());
                    }
                    location[0] = op.path("location").asText();
                    return true;
                });
        await(
                "job " + jobId + " to finish",
                Duration.ofSeconds(60),
                () -> {
                    JsonNode j = getOrNull("/jobs/" + jobId);
                    return j != null && j.path("state").asText().equals("FINISHED");
                });
        return location[0];
    }

    /** Cancels a job ({@code PATCH /jobs/:id?mode=cancel}); errors are ignored. */
    void cancel(String jobId) {
        try {
            http.send(
                    HttpRequest.newBuilder(
                                    URI.create(restUrl() + "/jobs/" + jobId + "?mode=cancel"))
                            .timeout(Duration.ofSeconds(10))
                            .method("PATCH", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            // best effort: the job may be gone already
        }
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(restUrl() + path))
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }

    private JsonNode getOrNull(String path) {
        try {
            return get(path);
        } catch (Exception e) {
            return null;
        }
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(restUrl() + path))
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }

    /** Polls a condition every 500 ms; on time-out fails with the cluster logs. */
    void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new AssertionError(
                            "a Flink JVM exited ("
                                    + p.exitValue()
                                    + ") while waiting for "
                                    + what
                                    + logs());
                }
            }
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        throw new AssertionError("timed out waiting for " + what + logs());
    }

    /** The tails of the JVM logs, for failure messages. */
    String logs() {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(home.resolve("log"))) {
            for (Path f : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                List<String> errors =
                        lines.stream()
                                .filter(l -> l.contains("ERROR") || l.contains("Exception"))
                                .limit(30)
                                .collect(Collectors.toList());
                b.append("\n--- ")
                        .append(f.getFileName())
                        .append(" (first errors) ---\n")
                        .append(String.join("\n", errors))
                        .append("\n--- ")
                        .append(f.getFileName())
                        .append(" (tail) ---\n")
                        .append(
                                String.join(
                                        "\n",
                                        lines.subList(
                                                Math.max(0, lines.size() - 25), lines.size())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }

    /** Kills both JVMs (and anything they started) and waits for them to exit. */
    @Override
    public void close() {
        for (Process p : processes) {
            kill(p);
            ALL.remove(p);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void killAll() {
        ALL.forEach(StandaloneFlinkCluster::kill);
    }

    /** Free TCP ports on the loopback interface. */
    static final class Ports {
        private Ports() {}

        static int free() throws IOException {
            try (java.net.ServerSocket s =
                    new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }
    }
}
