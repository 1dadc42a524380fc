package nl.lvds.models.classify;

import java.util.List;
import nl.lvds.models.nlp.PiiScrubber;
import nl.lvds.models.nlp.SocialTokenizer;

/**
 * Scrubs PII from a post and tokenises it: the same first two steps for training, evaluation and
 * the live classifier, so features never see an e-mail address, phone number or handle.
 */
public final class TextPreprocessor {
    private final PiiScrubber scrubber;
    private final SocialTokenizer tokenizer;

    /** The shipped scrubber and tokenizer. */
    public TextPreprocessor() {
        this(new PiiScrubber(), new SocialTokenizer());
    }

    public TextPreprocessor(PiiScrubber scrubber, SocialTokenizer tokenizer) {
        this.scrubber = scrubber;
        this.tokenizer = tokenizer;
    }

    /** The scrubbed text. */
    public String scrub(String text) {
        return scrubber.scrub(text);
    }

    /** Tokens of an already scrubbed text. */
    public List<String> tokens(String scrubbed) {
        return tokenizer.tokenize(scrubbed);
    }

    /** Scrubs then tokenises. */
    public List<String> scrubAndTokenize(String text) {
        return tokens(scrub(text));
    }
}
