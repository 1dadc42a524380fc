package nl.lvds.pipeline.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.lvds.pipeline.bench.AlertScore;
import nl.lvds.pipeline.bench.GroundTruth;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code lvds score} subcommand: scores review alerts against a synthetic archive's truth. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores the alerts of a review (OUT/alerts.jsonl, contract v1 or v2) against the ground"
                    + " truth of the SYNTHETIC archive it was run on (archive.json from"
                    + " `lvds generate`): per scripted event start the first alert and its lag,"
                    + " false alerts per week per level, alert records per event, and what became"
                    + " of every copy-paste burst; then a verdict against the alert targets.",
            "docs/alerts.md (\"Scoring alerts against ground truth\") defines every figure."
        })
public final class ScoreCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Option(
            names = "--archive",
            required = true,
            paramLabel = "DIR",
            description = "The archive directory (its archive.json, format 2, is the truth).")
    private Path archive;

    @Option(
            names = "--review",
            required = true,
            paramLabel = "OUT",
            description = "The review output directory (or an alerts.jsonl file).")
    private Path review;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "Also write every figure (and the per-burst list) as JSON to FILE.")
    private Path json;

    @Option(
            names = "--tolerance-hours",
            defaultValue = "2",
            paramLabel = "H",
            description =
                    "Slack after event and incident spans and around bursts, hours (default:"
                            + " ${DEFAULT-VALUE}).")
    private double toleranceHours;

    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        if (!Files.exists(archive)) {
            err.println("score: no such archive: " + archive);
            return 2;
        }
        Path alerts = AlertScore.alertsFile(review);
        if (!Files.isRegularFile(alerts)) {
            err.println("score: no alerts file: " + alerts);
            return 2;
        }
        if (toleranceHours < 0) {
            err.println("score: --tolerance-hours must be >= 0");
            return 2;
        }
        GroundTruth truth;
        try {
            truth = GroundTruth.read(archive);
        } catch (IllegalArgumentException e) {
            err.println("score: " + e.getMessage());
            return 2;
        }
        ObjectNode s =
                new AlertScore(truth, AlertScore.AreaTree.rotterdam(), toleranceHours)
                        .score(alerts);
        AlertScore.print(s, System.out);
        if (json != null) {
            AlertScore.writeJson(s, json);
            System.out.println();
            System.out.println("Figures written to " + json);
        }
        return 0;
    }

    /** Runs the command on its own (the {@code lvds} launcher registers it as a subcommand). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ScoreCommand()).execute(args));
    }
}
