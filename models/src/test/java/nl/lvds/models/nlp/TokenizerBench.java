package nl.lvds.models.nlp;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.TokenizerFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.ToLongFunction;

/**
 * Benchmark main (test scope) comparing {@link SocialTokenizer} with CoreNLP's PTBTokenizer, and
 * timing the scrubber and scrub + tokenize, on generated posts of about 30 words; prints posts/s
 * and tokens/s, single thread.
 *
 * <p>Run from the repository root (optional argument: number of posts, default 3000):
 *
 * <pre>
 * mvn -B -o -q -pl models test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp models/target/classes:models/target/test-classes:$(cat models/target/cp.txt) \
 *     nl.lvds.models.nlp.TokenizerBench
 * </pre>
 */
public final class TokenizerBench {

    private static final String[] OPENERS = {
        "Wat een chaos weer op de Coolsingel vanavond",
        "Ik snap echt niet waarom de gemeente hier niks aan doet",
        "'s Avonds durf ik niet meer alleen door het park te lopen",
        "Eindelijk is de nieuwe speeltuin in Kralingen-Crooswijk open",
        "Weer 'n inbraak in onze straat, de derde deze maand",
        "m'n fiets is gejat bij het Centraal Station",
        "Feyenoord wint met 3-1 en de hele stad is in feest",
        "Tram 23 rijdt alweer niet, ik sta hier al 20 minuten",
        "The Markthal was packed today, great vibes all around",
        "Why does nobody fix the street lights on the Boezemweg?",
        "Huur gaat weer omhoog naar 1.250 euro per maand",
        "Om 17:31 hoorde ik drie harde knallen bij de Maashaven",
        "Auto's rijden veel te hard door de 30-zone bij de school",
        "Zo trots op onze stad na de huldiging van gisteren",
        "Er ligt overal afval naast de containers in Bospolder",
        "Moet je 't zien, de stoep ligt al weken open",
        "Jongeren op scooters scheuren elke nacht over de stoep",
        "Prachtig concert in De Doelen, wat een avond",
        "Bewoners van Zuid voelen zich in de steek gelaten door het stadhuis",
        "Anti-joodse leuzen op de muur bij de synagoge, walgelijk",
    };

    private static final String[] MIDDLES = {
        "en niemand van de politie die er iets aan doet",
        "terwijl de wethouder beloofde dat het beter zou worden",
        "maar de buren zijn gelukkig super aardig",
        "and honestly nobody seems to care about it",
        "dus ik heb het maar gemeld via de app",
        "zeker nu de dagen korter worden en het vroeg donker is",
        "volgens de buurtapp waren er wel 15 a 20 jongeren",
        "en de foto's staan al op de buurtpagina",
        "want 's nachts is het hier echt niet veilig meer",
        "ook z'n vrienden stonden erbij te lachen",
        "the RET should really do something about this",
        "met €12,50 voor een biertje is het ook geen feest meer",
        "zoals op 07-03-2024 ook al gebeurde",
        "dat is al de 3e keer dit jaar",
        "en d'r moeder stond te huilen op straat",
    };

    private static final String[] CLOSERS = {
        "Schandalig!!",
        "Wanneer gaat er eindelijk iets gebeuren?",
        "Echt niet normaal...",
        "Love this city.",
        "Top gedaan, complimenten aan iedereen!",
        "Wie weet meer?",
        "Ik ben er helemaal klaar mee.",
        "Heeeeel fijn dit.",
        "Pff.",
        "Let's go!",
    };

    private static final String[] EXTRAS = {
        "😂",
        "😡",
        "🙏",
        "👍🏽",
        "❤️",
        "🇳🇱",
        "🔥🔥",
        "#Rotterdam",
        "#010",
        "#Feyenoord",
        "#onveilig",
        "#Zuid",
        ":)",
        "<3"
    };

    private static final String[] PII = {
        "Bel me op 06-12345678",
        "mail naar jan.de.vries@gmail.com",
        "@gemeenterotterdam",
        "zie https://www.ad.nl/rotterdam/artikel?id=5",
        "bron: nos.nl/artikel/2512345-onrust",
        "adres 3072 AB 12",
        "kenteken 12-ABC-3",
        "IBAN NL91 ABNA 0417 1643 00",
        "cc @politie_rdam",
    };

    private TokenizerBench() {}

    /** Generates {@code count} varied posts; about one in three carries PII. */
    static List<String> posts(int count, long seed) {
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            StringBuilder sb = new StringBuilder();
            sb.append(OPENERS[rnd.nextInt(OPENERS.length)]);
            sb.append(rnd.nextBoolean() ? ", " : " ");
            sb.append(MIDDLES[rnd.nextInt(MIDDLES.length)]).append(". ");
            if (rnd.nextInt(3) == 0) {
                sb.append(PII[rnd.nextInt(PII.length)]).append(' ');
            } else {
                sb.append(MIDDLES[rnd.nextInt(MIDDLES.length)]).append(' ');
            }
            sb.append(CLOSERS[rnd.nextInt(CLOSERS.length)]);
            int extras = rnd.nextInt(4);
            for (int e = 0; e < extras; e++) {
                sb.append(' ').append(EXTRAS[rnd.nextInt(EXTRAS.length)]);
            }
            out.add(sb.toString());
        }
        return out;
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        List<String> raw = posts(count, 42);
        PiiScrubber scrubber = new PiiScrubber();
        SocialTokenizer tokenizer = new SocialTokenizer();
        List<String> scrubbed = new ArrayList<>();
        long words = 0;
        for (String r : raw) {
            scrubbed.add(scrubber.scrub(r));
            words += r.split("\\s+").length;
        }
        String[] rawArr = raw.toArray(new String[0]);
        String[] arr = scrubbed.toArray(new String[0]);
        TokenizerFactory<CoreLabel> coreNlp =
                PTBTokenizer.factory(new CoreLabelTokenFactory(), SocialTokenizer.CORENLP_OPTIONS);
        long[] charSum = new long[1];
        SocialTokenizer.TokenSink sink = (buf, s, e) -> charSum[0] += buf[s] + e - s;

        System.out.printf(
                Locale.ROOT,
                "%d posts, %.1f words/post on average, %.0f chars/post%n",
                arr.length,
                (double) words / arr.length,
                raw.stream().mapToInt(String::length).average().orElse(0));
        int identical = 0;
        for (String t : arr) {
            List<String> theirs = new ArrayList<>();
            for (CoreLabel l : coreNlp.getTokenizer(new StringReader(t)).tokenize()) {
                theirs.add(l.word().toLowerCase(Locale.ROOT));
            }
            if (theirs.equals(tokenizer.tokenize(t))) {
                identical++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "identical token lists (SocialTokenizer vs CoreNLP, lower-cased): %d of %d%n",
                identical,
                arr.length);
        run("SocialTokenizer (sink)", arr, t -> tokenizer.tokenize(t, sink));
        run("SocialTokenizer (List)", arr, t -> tokenizer.tokenize(t).size());
        run(
                "CoreNLP PTBTokenizer",
                arr,
                t -> {
                    List<CoreLabel> toks = coreNlp.getTokenizer(new StringReader(t)).tokenize();
                    for (CoreLabel l : toks) {
                        // lower-case as the social tokenizer does, for a fair comparison
                        charSum[0] += l.word().toLowerCase(Locale.ROOT).length();
                    }
                    return toks.size();
                });
        run("PiiScrubber (no tokens)", rawArr, t -> scrubber.scrub(t).length() > 0 ? 0 : 1);
        run("scrub + tokenize (sink)", rawArr, t -> tokenizer.tokenize(scrubber.scrub(t), sink));
        System.out.println("(checksum " + charSum[0] % 1000 + ")");
    }

    private static void run(String name, String[] posts, ToLongFunction<String> work) {
        Throughput.Stats st = Throughput.measure(posts, work, 10);
        System.out.printf(
                Locale.ROOT,
                "%-26s best %,10.0f posts/s %,12.0f tokens/s %7.2f us/post | median %,10.0f"
                        + " posts/s | %.1f tokens/post%n",
                name,
                st.bestPostsPerSec(),
                st.bestPostsPerSec() * st.unitsPerPost(),
                st.bestMicrosPerPost(),
                st.medianPostsPerSec(),
                st.unitsPerPost());
    }
}
