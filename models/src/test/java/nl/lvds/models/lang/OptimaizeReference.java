package nl.lvds.models.lang;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The reference detector: optimaize language-detector 0.6 with its short-clean-text factory (which
 * strips URLs and e-mail addresses), mapped to nl / en / other. Two profile sets: all 71 built-in
 * (Wikipedia) profiles, the library's default, or the 17 short-text profiles our trigram table is
 * derived from.
 */
final class OptimaizeReference {

    /** All short-text profiles the library ships. */
    static final List<String> SHORT_TEXT_PROFILES =
            List.of(
                    "cs", "da", "de", "en", "es", "fi", "fr", "id", "it", "nl", "no", "pl", "pt",
                    "ro", "sv", "tr", "vi");

    private final LanguageDetector detector;
    private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingShortCleanText();
    private final String name;

    /** All 71 built-in profiles. */
    OptimaizeReference() {
        this(false);
    }

    OptimaizeReference(boolean shortTextProfiles) {
        try {
            List<LanguageProfile> profiles =
                    shortTextProfiles
                            ? new LanguageProfileReader()
                                    .read(
                                            OptimaizeReference.class.getClassLoader(),
                                            "languages.shorttext",
                                            SHORT_TEXT_PROFILES)
                            : new LanguageProfileReader().readAllBuiltIn();
            name =
                    "optimaize 0.6 ("
                            + profiles.size()
                            + (shortTextProfiles ? " short-text" : " built-in")
                            + " profiles)";
            detector =
                    LanguageDetectorBuilder.create(NgramExtractors.standard())
                            .withProfiles(profiles)
                            .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    /** Top language by probability; "other" when it is neither nl nor en, or when none scores. */
    String detect(String text) {
        List<DetectedLanguage> probs = detector.getProbabilities(texts.forText(text));
        if (probs.isEmpty()) {
            return LanguageId.OTHER;
        }
        String lang = probs.get(0).getLocale().getLanguage();
        return lang.equals("nl") ? LanguageId.NL : lang.equals("en") ? LanguageId.EN : "other";
    }
}
