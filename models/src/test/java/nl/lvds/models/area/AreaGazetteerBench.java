package nl.lvds.models.area;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark main that prints how many ~30-word posts per second {@link AreaGazetteer#match} and
 * {@link AreaGazetteer#matchAll} handle on one thread.
 *
 * <p>Run after {@code mvn -o -q -pl models test-compile}: {@code java -cp
 * models/target/classes:models/target/test-classes nl.lvds.models.area.AreaGazetteerBench
 * [seconds]}. The corpus is synthetic and seeded: Dutch filler text, ~40% of posts with one or two
 * area names in varied spellings, and decoys (ambiguous words, words that start like area names).
 */
public final class AreaGazetteerBench {

    private static final String[] FILLER = {
        "de",
        "het",
        "een",
        "en",
        "van",
        "ik",
        "je",
        "we",
        "ze",
        "is",
        "was",
        "niet",
        "wel",
        "maar",
        "gisteren",
        "vandaag",
        "vannacht",
        "politie",
        "buurt",
        "straat",
        "mensen",
        "weer",
        "echt",
        "helemaal",
        "zo",
        "dat",
        "dit",
        "er",
        "hier",
        "daar",
        "met",
        "voor",
        "na",
        "om",
        "op",
        "in",
        "naar",
        "bij",
        "boos",
        "rustig",
        "onrustig",
        "explosie",
        "brand",
        "schoten",
        "gehoord",
        "jongeren",
        "gemeente",
        "wijkagent",
        "nieuws",
        "filmpje",
        "echt",
        "lol",
        "haha",
        "niemand",
        "iedereen",
        "weet",
        "waarom",
        "hoezo",
        "zeggen",
        "vinden",
        "gaan",
        "komen",
        "staan",
        "zitten",
        "winkelcentrum",
        "noorden",
        "park",
        "cool",
        "centrumregeling",
        "Noordzee",
        "tarwe",
        "kuip",
        "Rotterdam",
        "Rotterdammers",
        "Zuid",
        "markt",
        "metro",
        "tram",
        "bus",
        "fiets",
        "auto"
    };

    private static final String[] AREAS = {
        "Schammenkamp",
        "schammenkamp",
        "Tarwewijk",
        "Beijerlandselaan",
        "West-Kruiskade",
        "west kruiskade",
        "Zwart Janstraat",
        "Coolsingel",
        "Binnenrotte",
        "Markthal",
        "Zuidplein",
        "De Kuip",
        "Het Kasteel",
        "Woudestein",
        "Afrikaandermarkt",
        "Mathenesserlaan",
        "Keizerswaard",
        "Alexandrium",
        "Centraal Station",
        "Blaak",
        "Hofplein",
        "Kralingse Plas",
        "Euromast",
        "Vroesenpark",
        "Noordplein",
        "Bergweg",
        "Putselaan",
        "Wolphaertsbocht",
        "Kralingen-Crooswijk",
        "kralingen crooswijk",
        "Delfshaven",
        "Feijenoord",
        "Charlois",
        "Pendrecht",
        "Zuidwijk",
        "Lombardijen",
        "Ommoord",
        "Nesselande",
        "Hoogvliet",
        "Pernis",
        "Hoek van Holland",
        "Kop van Zuid-Entrepot",
        "Katendrecht",
        "Spangen",
        "Bospolder",
        "Crooswijk",
        "Blijdorp",
        "Rotterdam-Noord",
        "in Noord",
        "op noord",
        "in het centrum",
        "in Cool",
        "Oude Westen",
        "Hillegersberg",
        "Schiebroek",
        "Overschie",
        "IJsselmonde",
        "Beverwaard",
        "Carnisse"
    };

    private AreaGazetteerBench() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        AreaGazetteer gaz = AreaGazetteer.rotterdam();
        List<String> posts = corpus(4000, new Random(42));
        double words = posts.stream().mapToInt(p -> p.split(" +").length).average().orElse(0);
        long withArea = posts.stream().filter(p -> gaz.match(p).isPresent()).count();
        System.out.printf(
                Locale.ROOT,
                "corpus: %d posts, %.1f words/post, %d (%.0f%%) with an area match%n",
                posts.size(),
                words,
                withArea,
                100.0 * withArea / posts.size());

        // two rounds: the first one still shares the CPU with the JIT compiler threads
        for (int round = 1; round <= 2; round++) {
            run("match", seconds, posts, p -> gaz.match(p).isPresent() ? 1 : 0);
            run("matchAll", seconds, posts, p -> gaz.matchAll(p).size());
        }
    }

    private interface Op {
        int apply(String post);
    }

    private static void run(String name, double seconds, List<String> posts, Op op) {
        long sink = 0;
        // warm-up: let the JIT compile the hot path before timing
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (String p : posts) {
                sink += op.apply(p);
            }
        }
        long n = 0;
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (seconds * 1e9);
        long now;
        do {
            for (String p : posts) {
                sink += op.apply(p);
            }
            n += posts.size();
            now = System.nanoTime();
        } while (now < deadline);
        double elapsed = (now - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%-8s %,12.0f posts/s  %6.2f µs/post  (%,d posts in %.2f s, sink %d)%n",
                name,
                n / elapsed,
                elapsed * 1e6 / n,
                n,
                elapsed,
                sink);
    }

    private static List<String> corpus(int size, Random rnd) {
        List<String> posts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int len = 22 + rnd.nextInt(16);
            List<String> words = new ArrayList<>(len + 4);
            for (int w = 0; w < len; w++) {
                words.add(FILLER[rnd.nextInt(FILLER.length)]);
            }
            int areas = rnd.nextInt(10) < 4 ? 1 + rnd.nextInt(2) : 0;
            for (int a = 0; a < areas; a++) {
                words.add(rnd.nextInt(words.size()), AREAS[rnd.nextInt(AREAS.length)]);
            }
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words.size(); w++) {
                String word = words.get(w);
                if (w == 0) {
                    word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                }
                sb.append(word);
                int r = rnd.nextInt(20);
                sb.append(r == 0 ? ". " : r == 1 ? ", " : r == 2 ? "! " : " ");
            }
            posts.add(sb.toString().trim());
        }
        return posts;
    }
}
