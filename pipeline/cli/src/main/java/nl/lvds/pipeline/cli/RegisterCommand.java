package nl.lvds.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.lvds.models.config.ConfigException;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.pipeline.register.AlgorithmRegisterEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lvds register}: a draft Algorithm Register (Algoritmeregister) entry, generated from the
 * model card and the configuration.
 */
@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        description = {
            "Write a draft Algorithm Register (Algoritmeregister) entry as Markdown.",
            "Fields come from the model card and the configuration (purpose, legal basis,",
            "controller, k, retention, sources). The checked-in docs/algoritmeregister.md is made",
            "with: ./lvds register --out docs/algoritmeregister.md"
        })
final class RegisterCommand implements Callable<Integer> {

    @Option(
            names = "--config",
            paramLabel = "F",
            description = "The configuration (default: config/lvds.yaml under LVDS_HOME).")
    Path config;

    @Option(
            names = "--card",
            paramLabel = "F",
            description = "A model card JSON (default: the shipped model's card).")
    Path card;

    @Option(
            names = "--out",
            paramLabel = "F",
            description = "Write the Markdown here (default: standard output).")
    Path out;

    @Option(
            names = "--lang",
            paramLabel = "nl|en",
            description = "Language of the entry: nl (default) or en.")
    String lang = "nl";

    @Override
    public Integer call() throws Exception {
        if (!"nl".equals(lang) && !"en".equals(lang)) {
            System.err.println("lvds register: --lang must be nl or en, was " + lang);
            return 2;
        }
        Path file = config != null ? config : Paths.home().resolve("config/lvds.yaml");
        if (!Files.exists(file)) {
            System.err.println("lvds register: no such config file: " + file);
            return 2;
        }
        LvdsConfig cfg;
        try {
            cfg = LvdsConfig.load(file);
        } catch (ConfigException e) {
            System.err.println("lvds register: " + e.getMessage());
            return 2;
        }
        JsonNode modelCard =
                card != null
                        ? AlgorithmRegisterEntry.card(card)
                        : AlgorithmRegisterEntry.shippedCard();
        String origin = config != null ? config.toString() : "config/lvds.yaml";
        String md = AlgorithmRegisterEntry.render(modelCard, cfg, origin, lang);
        if (out == null) {
            System.out.print(md);
        } else {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, md, StandardCharsets.UTF_8);
            System.err.println("lvds register: wrote " + out);
        }
        return 0;
    }
}
