package nl.lvds.pipeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lvds} command line: one entry point for every subcommand that works. */
@Command(
        name = "lvds",
        mixinStandardHelpOptions = true,
        versionProvider = LvdsCli.Version.class,
        description = {
            "Lezen van de stad: aggregate-only tension indicators per district and topic.",
            "Privacy: aggregates only, no raw text at rest, nothing per author."
        },
        subcommands = {
            DemoCommand.class,
            GenerateCommand.class,
            LiveCommand.class,
            ReviewCommand.class,
            ScoreCommand.class,
            ProduceCommand.class,
            ClassifyCommand.class,
            PrevalenceCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            BenchCommand.class,
            DashboardCommand.class,
            BriefingCommand.class,
            NotifyCommand.class,
            BrokerCommand.class,
            TopicsCommand.class,
            RegisterCommand.class,
            RulesCommand.class,
            SoakCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LvdsCli implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Entry point used by the {@code ./lvds} launcher. */
    public static void main(String[] args) {
        System.exit(
                new CommandLine(new LvdsCli())
                        .setCaseInsensitiveEnumValuesAllowed(true)
                        .execute(args));
    }

    /** Version from the jar manifest when packaged, else the development version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LvdsCli.class.getPackage().getImplementationVersion();
            return new String[] {"lvds " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
