package nl.lvds.pipeline.functions;

import java.io.Serializable;
import nl.lvds.pipeline.alert.Surprise;

/**
 * A 1 h window's story counts with their expectations from the cell's history: the input of the
 * surprise tests written into the indicator.
 *
 * @param stories distinct stories in the window
 * @param hostileStories distinct stories among its hostile signals
 * @param storyExpectation expected stories, or null without enough history
 * @param hostileExpectation expected hostile stories, or null without enough history
 * @param minExpected the least expected count a test uses
 */
record Detection(
        int stories,
        int hostileStories,
        Surprise.Expectation storyExpectation,
        Surprise.Expectation hostileExpectation,
        double minExpected)
        implements Serializable {

    /** No detection: 24 h windows, or a cell with no 1 h history. */
    static final Detection NONE = new Detection(-1, -1, null, null, 1.0);

    /** Whether the window was counted. */
    boolean counted() {
        return stories >= 0;
    }

    /** The p-value of the stories, or null without an expectation. */
    Double storyPValue() {
        return pValue(stories, storyExpectation);
    }

    /** The p-value of the hostile stories, or null without an expectation. */
    Double hostilePValue() {
        return pValue(hostileStories, hostileExpectation);
    }

    private Double pValue(int observed, Surprise.Expectation e) {
        if (!counted() || e == null) {
            return null;
        }
        return Surprise.upperTail(observed, Math.max(e.mean(), minExpected), e.dispersion());
    }
}
