package nl.lvds.pipeline.cli;

import java.nio.file.Path;

/** Default locations, relative to the repository root the launcher exports as LVDS_HOME. */
final class Paths {
    private Paths() {}

    /** The repository root (LVDS_HOME), or the working directory. */
    static Path home() {
        String home = System.getenv("LVDS_HOME");
        return Path.of(home == null || home.isBlank() ? "." : home);
    }

    /** The training corpus folder. */
    static Path corpus() {
        return home().resolve("models/corpus");
    }

    /** Where {@code lvds train} writes the shipped model. */
    static Path modelDir() {
        return home().resolve("models/src/main/resources/nl/lvds/models/model");
    }
}
