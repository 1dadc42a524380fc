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
 * The reference detector: optimaize language-detector 0.6 with all 71 built-in profiles and its
 * short-clean-text factory (which strips URLs and e-mail addresses), mapped to nl / en / other.
 */
final class OptimaizeReference {

    private final LanguageDetector detector;
    private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingShortCleanText();

    OptimaizeReference() {
        try {
            List<LanguageProfile> profiles = new LanguageProfileReader().readAllBuiltIn();
            detector =
                    LanguageDetectorBuilder.create(NgramExtractors.standard())
                            .withProfiles(profiles)
                            .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
