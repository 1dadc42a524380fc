package nl.lvds.models.prevalence;

/** The prevalence estimation methods the estimator knows (compared in docs/prevalence.md). */
public enum Method {
    /** Classify and count: the share of posts the classifier assigns the label (no correction). */
    CC,
    /** Probabilistic classify and count: the mean calibrated probability. */
    PCC,
    /** Adjusted classify and count: CC corrected with the measured confusion rates. */
    ACC,
    /** Probabilistic adjusted classify and count: PCC corrected with the mean probabilities. */
    PACC,
    /** EM prior adjustment of the calibrated probabilities (Saerens-Latinne-Decaestecker). */
    SLD
}
