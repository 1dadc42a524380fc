package nl.lvds.pipeline.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code lvds} subcommand in a JVM of its own, started as the launcher starts it: the same
 * Java, class path and JVM options as this JVM (the launcher's {@code -Xmx} and {@code
 * --add-opens}, or {@code LVDS_JAVA_OPTS}), main class {@code nl.lvds.pipeline.cli.LvdsCli}, plus a
 * GC log ({@code -Xlog:gc}) so that heap after GC can be followed from outside. Output goes to
 * {@code NAME.log} in the working folder.
 */
final class ChildJvm implements AutoCloseable {

    /** The command line main class (what {@code ./lvds} runs). */
    static final String MAIN = "nl.lvds.pipeline.cli.LvdsCli";

    private final String name;
    private final Process process;
    private final Path log;
    private final Path gcLog;

    private ChildJvm(String name, Process process, Path log, Path gcLog) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
    }

    /**
     * Starts {@code lvds ARGS...} in {@code dir}.
     *
     * @param name short name (file names, the memory table)
     */
    static ChildJvm start(String name, Path dir, List<String> args) throws IOException {
        Path log = dir.resolve(name + ".log");
        Path gcLog = dir.resolve(name + "-gc.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(jvmOptions());
        cmd.add("-Xlog:gc:file=" + gcLog + ":timemillis");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN);
        cmd.addAll(args);
        Files.writeString(log, String.join(" ", redact(cmd)) + "\n", StandardCharsets.UTF_8);
        Process p =
                new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        return new ChildJvm(name, p, log, gcLog);
    }

    /** The command line without the (long) class path, for the log. */
    private static List<String> redact(List<String> cmd) {
        List<String> out = new ArrayList<>(cmd);
        int i = out.indexOf("-cp");
        if (i >= 0 && i + 1 < out.size()) {
            out.set(i + 1, "<the launcher's class path>");
        }
        return out;
    }

    static String javaBinary() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * This JVM's heap, stack, {@code -XX} and {@code --add-opens/--add-exports} options (agents,
     * debuggers and logging are not passed on).
     */
    static List<String> jvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens=")
                    || a.startsWith("--add-exports=")
                    || a.startsWith("-Xmx")
                    || a.startsWith("-Xms")
                    || a.startsWith("-Xss")
                    || a.startsWith("-XX:")) {
                out.add(a);
            }
        }
        return out;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    Path gcLog() {
        return gcLog;
    }

    /** The output so far. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The last {@code lines} lines of the output. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the JVM as Ctrl-C would (SIGTERM, so its shutdown hooks close Kafka, Flink and the
     * server), and kills it (and anything it started) if it is still running after {@code
     * graceSeconds}.
     *
     * @return true when it ended on SIGTERM
     */
    boolean stop(int graceSeconds) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        boolean clean;
        try {
            clean = process.waitFor(graceSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        }
        if (!clean) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return clean;
    }

    @Override
    public void close() {
        stop(30);
    }
}
