package nl.lvds.pipeline.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The city the generator spreads its posts over: Rotterdam's 14 gebieden, their wijken with
 * population-like weights ({@code wijken.tsv}) and a few notable places ({@code places.tsv}).
 */
public final class CityMap {

    /** The area name that means "anywhere in the city" in scenario files. */
    public static final String CITY_WIDE = "*";

    /**
     * One wijk.
     *
     * @param name the wijk name as written in posts and in the {@code area} field
     * @param gebied the gebied (district) it belongs to
     * @param weight population-like weight
     * @param index position in {@link #wijken()}
     * @param gebiedIndex position of its gebied in {@link #gebieden()}
     * @param tag the name as one hashtag word (letters and digits only)
     */
    public record Wijk(
            String name, String gebied, double weight, int index, int gebiedIndex, String tag) {}

    /**
     * A notable street or place.
     *
     * @param name the place name
     * @param wijk the wijk it lies in
     * @param nl the Dutch words before the name for "at this place" ("op de")
     * @param en the English words before the name ("on the")
     */
    public record Place(String name, String wijk, String nl, String en) {
        /** "op de Schammenkamp" / "on the Schammenkamp". */
        public String at(String lang) {
            return ("en".equals(lang) ? en : nl) + " " + name;
        }
    }

    private final List<Wijk> wijken;
    private final List<String> gebieden;
    private final Map<String, Wijk> byName = new LinkedHashMap<>();
    private final Map<String, List<Wijk>> byGebied = new LinkedHashMap<>();
    private final Map<String, Weighted> gebiedSampler = new LinkedHashMap<>();
    private final Map<String, List<Place>> placesByWijk = new LinkedHashMap<>();
    private final Weighted citySampler;
    private final double[] gebiedShare;

    private CityMap(List<String[]> wijkRows, List<String[]> placeRows) {
        List<String> gebiedNames = new ArrayList<>();
        List<Wijk> list = new ArrayList<>();
        for (String[] row : wijkRows) {
            String name = row[0];
            String gebied = row[1];
            double weight = Double.parseDouble(row[2]);
            if (byName.containsKey(name)) {
                throw new IllegalArgumentException("duplicate wijk " + name);
            }
            if (!gebiedNames.contains(gebied)) {
                gebiedNames.add(gebied);
            }
            Wijk w =
                    new Wijk(
                            name,
                            gebied,
                            weight,
                            list.size(),
                            gebiedNames.indexOf(gebied),
                            name.replaceAll("[^\\p{L}\\p{N}]", ""));
            list.add(w);
            byName.put(name, w);
            byGebied.computeIfAbsent(gebied, g -> new ArrayList<>()).add(w);
        }
        wijken = List.copyOf(list);
        gebieden = List.copyOf(gebiedNames);
        citySampler = new Weighted(list.stream().mapToDouble(Wijk::weight).toArray());
        double total = list.stream().mapToDouble(Wijk::weight).sum();
        gebiedShare = new double[gebieden.size()];
        for (Wijk w : list) {
            gebiedShare[w.gebiedIndex()] += w.weight() / total;
        }
        byGebied.forEach(
                (g, ws) ->
                        gebiedSampler.put(
                                g, new Weighted(ws.stream().mapToDouble(Wijk::weight).toArray())));
        for (String[] row : placeRows) {
            if (!byName.containsKey(row[1])) {
                throw new IllegalArgumentException(
                        "place " + row[0] + " in unknown wijk " + row[1]);
            }
            placesByWijk
                    .computeIfAbsent(row[1], k -> new ArrayList<>())
                    .add(new Place(row[0], row[1], row[2], row[3]));
        }
    }

    /** Loads the map shipped with the generator. */
    public static CityMap load() {
        return new CityMap(readTsv("wijken.tsv", 3), readTsv("places.tsv", 4));
    }

    private static List<String[]> readTsv(String resource, int columns) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = CityMap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) { // the first non-comment line names the columns
                    header = false;
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != columns) {
                    throw new IllegalStateException(
                            resource + ": expected " + columns + " columns: " + line);
                }
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].strip();
                }
                rows.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** All wijken, in file order. */
    public List<Wijk> wijken() {
        return wijken;
    }

    /** The gebieden (districts), in file order. */
    public List<String> gebieden() {
        return gebieden;
    }

    /** The wijk of that name, or null. */
    public Wijk wijk(String name) {
        return byName.get(name);
    }

    /** The wijken of a gebied (empty for an unknown name). */
    public List<Wijk> wijkenOf(String gebied) {
        return byGebied.getOrDefault(gebied, List.of());
    }

    /** The notable places in a wijk (possibly empty). */
    public List<Place> placesIn(String wijk) {
        return Collections.unmodifiableList(placesByWijk.getOrDefault(wijk, List.of()));
    }

    /** The place of that name, or null. */
    public Place place(String name) {
        for (List<Place> ps : placesByWijk.values()) {
            for (Place p : ps) {
                if (p.name().equals(name)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Whether {@code area} is a wijk, a gebied or {@link #CITY_WIDE}. */
    public boolean knows(String area) {
        return CITY_WIDE.equals(area) || byName.containsKey(area) || byGebied.containsKey(area);
    }

    /** The share of the city's weight living in gebied {@code index}. */
    public double gebiedShare(int index) {
        return gebiedShare[index];
    }

    /** A wijk drawn by weight over the whole city. */
    public Wijk sample(SplittableRandom r) {
        return wijken.get(citySampler.pick(r));
    }

    /** A wijk inside {@code area}: the wijk itself, a weighted wijk of a gebied, or city-wide. */
    public Wijk sampleIn(String area, SplittableRandom r) {
        Wijk w = byName.get(area);
        if (w != null) {
            return w;
        }
        Weighted inGebied = gebiedSampler.get(area);
        if (inGebied != null) {
            return byGebied.get(area).get(inGebied.pick(r));
        }
        if (CITY_WIDE.equals(area)) {
            return sample(r);
        }
        throw new IllegalArgumentException("unknown area " + area);
    }
}
