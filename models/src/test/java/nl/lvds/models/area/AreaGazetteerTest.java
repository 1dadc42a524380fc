package nl.lvds.models.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AreaGazetteerTest {

    private static final AreaGazetteer GAZ = AreaGazetteer.rotterdam();

    private static final String HEADER = "kind\tname\twijk\tgebied\taliases\tguard\n";

    /** The data rows of the bundled file, split into columns. */
    private static List<String[]> bundledRows() throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                Objects.requireNonNull(
                                        AreaGazetteer.class.getResourceAsStream(
                                                AreaGazetteer.RESOURCE)),
                                StandardCharsets.UTF_8))) {
            boolean header = true;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    // --- structure of the bundled data -----------------------------------------------------------

    @Test
    void shouldListTheFourteenRotterdamDistrictsSorted() {
        assertThat(GAZ.districts())
                .containsExactly(
                        "Centrum",
                        "Charlois",
                        "Delfshaven",
                        "Feijenoord",
                        "Hillegersberg-Schiebroek",
                        "Hoek van Holland",
                        "Hoogvliet",
                        "IJsselmonde",
                        "Kralingen-Crooswijk",
                        "Noord",
                        "Overschie",
                        "Pernis",
                        "Prins Alexander",
                        "Rozenburg");
    }

    @Test
    void shouldRollEveryNeighbourhoodUpToExactlyOneDistrict() {
        Set<String> seen = new HashSet<>();
        for (String district : GAZ.districts()) {
            List<String> wijken = GAZ.neighbourhoods(district);
            assertThat(wijken).as(district).isNotEmpty().isSorted();
            for (String wijk : wijken) {
                assertThat(seen.add(wijk)).as("wijk %s listed twice", wijk).isTrue();
                assertThat(GAZ.districtOf(wijk)).as(wijk).contains(district);
            }
        }
        assertThat(seen).hasSizeBetween(70, 95);
    }

    @Test
    void shouldMapEveryPlaceToAnExistingNeighbourhoodOfItsDistrict() throws Exception {
        int places = 0;
        for (String[] row : bundledRows()) {
            if (!row[0].equals("place")) {
                continue;
            }
            places++;
            String wijk = row[2];
            String gebied = row[3];
            assertThat(GAZ.districts()).as(row[1]).contains(gebied);
            if (!wijk.equals("-")) {
                assertThat(GAZ.neighbourhoods(gebied)).as(row[1]).contains(wijk);
            }
            assertThat(GAZ.resolve(row[1]))
                    .as(row[1])
                    .contains(new AreaMatch(row[1], wijk.equals("-") ? null : wijk, gebied));
        }
        assertThat(places).isGreaterThanOrEqualTo(150);
    }

    @Test
    void shouldKnowTheNeighbourhoodsOfCharlois() {
        assertThat(GAZ.neighbourhoods("Charlois"))
                .contains(
                        "Carnisse",
                        "Heijplaat",
                        "Oud-Charlois",
                        "Pendrecht",
                        "Tarwewijk",
                        "Wielewaal",
                        "Zuiderpark",
                        "Zuidplein",
                        "Zuidwijk");
        assertThat(GAZ.neighbourhoods("kralingen crooswijk")).contains("Rubroek", "De Esch");
        assertThat(GAZ.neighbourhoods("Atlantis")).isEmpty();
        assertThat(GAZ.neighbourhoods(null)).isEmpty();
    }

    @Test
    void shouldShareOneLoadedInstance() {
        assertThat(AreaGazetteer.rotterdam()).isSameAs(GAZ);
    }

    // --- resolve ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                "Schammenkamp, Tarwewijk, Charlois",
                "Beijerlandselaan, Hillesluis, Feijenoord",
                "West-Kruiskade, Oude Westen, Centrum",
                "Zwart Janstraat, Oude Noorden, Noord",
                "Coolsingel, null, Centrum",
                "Binnenrotte, Stadsdriehoek, Centrum",
                "Markthal, Stadsdriehoek, Centrum",
                "Zuidplein, Zuidplein, Charlois",
                "De Kuip, Groot-IJsselmonde, IJsselmonde",
                "Stadion Feijenoord, Groot-IJsselmonde, IJsselmonde",
                "Het Kasteel, Spangen, Delfshaven",
                "Woudestein, null, Kralingen-Crooswijk",
                "Afrikaandermarkt, Afrikaanderwijk, Feijenoord",
                "Mathenesserlaan, Middelland, Delfshaven",
                "Keizerswaard, Groot-IJsselmonde, IJsselmonde",
                "Alexandrium, Oosterflank, Prins Alexander",
                "Centraal Station, CS-kwartier, Centrum",
                "Blaak, Stadsdriehoek, Centrum",
                "Hofplein, null, Centrum",
                "Kralingse Plas, Kralingse Bos, Kralingen-Crooswijk",
                "Euromast, Nieuwe Werk, Centrum",
                "Het Park, Nieuwe Werk, Centrum",
                "Zuiderpark, Zuiderpark, Charlois",
                "Vroesenpark, Blijdorp, Noord",
                "Noordplein, Oude Noorden, Noord",
                "Bergweg, null, Noord",
                "Putselaan, null, Feijenoord",
                "Wolphaertsbocht, null, Charlois",
                "Noord, null, Noord",
                "Cool, Cool, Centrum",
                "Pernis, Pernis, Pernis",
            })
    void shouldResolveKnownNames(String name, String wijk, String gebied) {
        assertThat(GAZ.resolve(name)).get().extracting(AreaMatch::neighbourhood).isEqualTo(wijk);
        assertThat(GAZ.resolve(name)).get().extracting(AreaMatch::district).isEqualTo(gebied);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Kralingen-Crooswijk",
                "kralingen crooswijk",
                "Kralingen Crooswijk",
                "KRALINGEN-CROOSWIJK",
                "  kralingen\t-  crooswijk ",
                "Kralingen"
            })
    void shouldResolveSpellingVariantsOfADistrict(String spelling) {
        assertThat(GAZ.resolve(spelling))
                .contains(new AreaMatch("Kralingen-Crooswijk", null, "Kralingen-Crooswijk"));
    }

    @Test
    void shouldIgnoreCaseAccentsHyphensAndLigatures() {
        assertThat(GAZ.resolve("AFRIKAANDERBUURT"))
                .contains(new AreaMatch("Afrikaanderwijk", "Afrikaanderwijk", "Feijenoord"));
        assertThat(GAZ.districtOf("Hillegérsberg-Schiebröek")).contains("Hillegersberg-Schiebroek");
        assertThat(GAZ.districtOf("Ĳsselmonde")).contains("IJsselmonde");
        assertThat(GAZ.resolve("Kop van Zuid–Entrepot"))
                .get()
                .extracting(AreaMatch::neighbourhood)
                .isEqualTo("Kop van Zuid-Entrepot");
        assertThat(GAZ.resolve("’s-Gravenland"))
                .get()
                .extracting(AreaMatch::neighbourhood)
                .isEqualTo("'s-Gravenland");
        assertThat(GAZ.resolve("s Gravenland"))
                .get()
                .extracting(AreaMatch::district)
                .isEqualTo("Prins Alexander");
        assertThat(GAZ.resolve("oud charlois"))
                .get()
                .extracting(AreaMatch::neighbourhood)
                .isEqualTo("Oud-Charlois");
    }

    @Test
    void shouldResolveP2000StyleFieldsWithCityAndHouseNumber() {
        assertThat(GAZ.resolve("Schammenkamp 12, Rotterdam"))
                .get()
                .extracting(AreaMatch::neighbourhood)
                .isEqualTo("Tarwewijk");
        assertThat(GAZ.resolve("Rotterdam Pendrecht"))
                .get()
                .extracting(AreaMatch::neighbourhood)
                .isEqualTo("Pendrecht");
        assertThat(GAZ.resolve("Rotterdam-Noord"))
                .get()
                .extracting(AreaMatch::district)
                .isEqualTo("Noord");
        assertThat(GAZ.resolve("Plein 1953"))
                .get()
                .extracting(AreaMatch::neighbourhood)
                .isEqualTo("Pendrecht");
    }

    @Test
    void shouldNotResolveUnknownOrPartialNames() {
        assertThat(GAZ.resolve("Rotterdam")).isEmpty();
        assertThat(GAZ.resolve("Rotterdam-Zuid")).isEmpty();
        assertThat(GAZ.resolve("Kop van")).isEmpty();
        assertThat(GAZ.resolve("")).isEmpty();
        assertThat(GAZ.resolve(null)).isEmpty();
        assertThat(GAZ.districtOf("Amsterdam")).isEmpty();
    }

    @Test
    void shouldResolveANameThatIsBothGebiedAndWijkToTheGebied() {
        assertThat(GAZ.resolve("Delfshaven"))
                .contains(new AreaMatch("Delfshaven", null, "Delfshaven"));
        assertThat(GAZ.resolve("Historisch Delfshaven"))
                .contains(new AreaMatch("Delfshaven", "Delfshaven", "Delfshaven"));
        assertThat(GAZ.resolve("Feijenoord")).get().extracting(AreaMatch::neighbourhood).isNull();
        assertThat(GAZ.neighbourhoods("Delfshaven")).contains("Delfshaven");
    }

    // --- free text -------------------------------------------------------------------------------

    @Test
    void shouldFindTheBriefsExampleInAPost() {
        assertThat(
                        GAZ.match(
                                "Weer een explosie aan de schammenkamp vannacht, wat is hier aan de hand"))
                .contains(new AreaMatch("Schammenkamp", "Tarwewijk", "Charlois"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Opstootje in Kralingen-Crooswijk gisteren",
                "opstootje in kralingen crooswijk gisteren",
                "Opstootje in Kralingen Crooswijk gisteren",
                "OPSTOOTJE IN KRALINGEN-CROOSWIJK GISTEREN"
            })
    void shouldMatchHyphenAndCaseVariantsInText(String text) {
        assertThat(GAZ.match(text))
                .contains(new AreaMatch("Kralingen-Crooswijk", null, "Kralingen-Crooswijk"));
    }

    @Test
    void shouldRespectWordBoundaries() {
        assertThat(GAZ.matchAll("Zondag wandelen op het Noordereiland"))
                .containsExactly(new AreaMatch("Noordereiland", "Noordereiland", "Feijenoord"));
        assertThat(GAZ.matchAll("Nieuwe flats op de Kop van Zuid-Entrepot"))
                .extracting(AreaMatch::matched)
                .containsExactly("Kop van Zuid-Entrepot");
        assertThat(GAZ.matchAll("Feest in Oud-Charlois"))
                .extracting(AreaMatch::matched)
                .containsExactly("Oud-Charlois");
        assertThat(GAZ.matchAll("Pernisse haven en Ommoordse weg")).isEmpty();
        assertThat(GAZ.matchAll("Tarwewijkers zijn boos")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "explosie van kleur in het winkelcentrum",
                "ik ga naar het noorden",
                "ten noorden van de stad was het rustig",
                "we zaten in het park te chillen",
                "wat een mooi park is dit",
                "that party was so cool",
                "Cool! Wat een feest was dat gisteren",
                "de oosterflank van de NAVO wordt versterkt",
                "De NAVO-oosterflank is onrustig",
                "Noord-Korea test weer een raket",
                "vakantie in Noord Holland",
                "we gaan naar Amsterdam Noord",
                "winkelen in het centrum van Utrecht",
                "het centrum voor jeugd en gezin belde",
                "ik lig lekker in de kuip met schuim",
                "ik zag een wielewaal in de tuin",
                "het nieuwe werk van de kunstenaar is prachtig",
                "de doelen van het kabinet zijn onhaalbaar",
                "hij meent het echt",
                "We noemen het daar het witte dorp",
                "Noord is weer onrustig vannacht",
                "GRAPPIG HOE COOL DIT IS IN DE STAD",
                "Bij de Hoogvliet halen we boodschappen",
                "De politie stond op het Centraal Station van Utrecht",
                "Vertraging op Utrecht Centraal Station",
                "gezellig in de binnenstad Amsterdam"
            })
    void shouldNotMatchAmbiguousWordsWithoutEvidence(String text) {
        assertThat(GAZ.matchAll(text)).isEmpty();
        assertThat(GAZ.match(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "onrust in Noord vannacht | Noord",
                "vanavond weer gedoe op noord | Noord",
                "Schoten gelost in Rotterdam-Noord | Noord",
                "schoten gelost in rotterdam noord | Noord",
                "het is druk in het centrum vandaag | Centrum",
                "in 't centrum is het druk | Centrum",
                "rellen in het centrum van Rotterdam | Centrum",
                "Ik woon al jaren in Cool en het is hier prima | Cool",
                "picknick in Het Park vandaag | Het Park",
                "schietpartij in Oosterflank gisteravond | Oosterflank",
                "Supporters liepen massaal naar De Kuip | De Kuip",
                "gedoe bij de Kuip na de wedstrijd | De Kuip",
                "Vannacht onrustig in de Wielewaal | Wielewaal",
                "iemand neergestoken in het Witte Dorp | Witte Dorp",
                "Schietpartij in Hoogvliet vannacht | Hoogvliet",
                "Veel politie op het Centraal Station vanavond | Rotterdam Centraal",
                "ONRUST IN HET CENTRUM VANDAAG | Centrum"
            })
    void shouldMatchAmbiguousNamesWithEvidence(String text, String expected) {
        assertThat(GAZ.match(text)).get().extracting(AreaMatch::matched).isEqualTo(expected);
    }

    @Test
    void shouldReturnAllMentionsInOrderAndTheFirstMostSpecific() {
        String text = "Eerst onrust in Noord, daarna op de Afrikaandermarkt en in Bloemhof";
        assertThat(GAZ.matchAll(text))
                .extracting(AreaMatch::matched)
                .containsExactly("Noord", "Afrikaandermarkt", "Bloemhof");
        assertThat(GAZ.match(text))
                .contains(new AreaMatch("Afrikaandermarkt", "Afrikaanderwijk", "Feijenoord"));

        assertThat(GAZ.match("Van Charlois naar Delfshaven gefietst"))
                .contains(new AreaMatch("Charlois", null, "Charlois"));
        assertThat(GAZ.match("Van Pendrecht via Zuidwijk naar Carnisse"))
                .contains(new AreaMatch("Pendrecht", "Pendrecht", "Charlois"));
        assertThat(GAZ.matchAll("Tarwewijk, Tarwewijk en nog eens Tarwewijk")).hasSize(3);
    }

    @Test
    void shouldFindNoAreaInTextWithoutAreas() {
        assertThat(GAZ.match("Lekker weertje vandaag, iedereen zit buiten op het terras"))
                .isEmpty();
        assertThat(GAZ.matchAll("")).isEmpty();
        assertThat(GAZ.match(null)).isEmpty();
        assertThat(GAZ.matchAll("🚨🚨 !!! ??? --- ...")).isEmpty();
    }

    // --- loading ---------------------------------------------------------------------------------

    @Test
    void shouldLoadASmallGazetteerFromAReader() {
        String tsv =
                "# a comment\n"
                        + HEADER
                        + "gebied\tNoord\t-\tNoord\tRotterdam-Noord\tcue:Noord\n"
                        + "wijk\tBlijdorp\tBlijdorp\tNoord\t\n"
                        + "place\tVroesenpark\tBlijdorp\tNoord\t\n";
        AreaGazetteer g = AreaGazetteer.load(new StringReader(tsv));
        assertThat(g.districts()).containsExactly("Noord");
        assertThat(g.match("een dagje naar het vroesenpark"))
                .contains(new AreaMatch("Vroesenpark", "Blijdorp", "Noord"));
        assertThat(g.match("naar het noorden")).isEmpty();
    }

    @Test
    void shouldRejectASpellingThatPointsAtTwoAreas() {
        String tsv =
                HEADER
                        + "gebied\tNoord\t-\tNoord\t\n"
                        + "wijk\tBlijdorp\tBlijdorp\tNoord\tDiergaarde\n"
                        + "wijk\tBergpolder\tBergpolder\tNoord\tdiergaarde\n";
        assertThatThrownBy(() -> AreaGazetteer.load(new StringReader(tsv)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("diergaarde");
    }

    @Test
    void shouldRejectAPlaceInAWijkOfAnotherDistrict() {
        String tsv =
                HEADER
                        + "gebied\tNoord\t-\tNoord\t\n"
                        + "gebied\tCentrum\t-\tCentrum\t\n"
                        + "wijk\tBlijdorp\tBlijdorp\tNoord\t\n"
                        + "place\tMarkthal\tBlijdorp\tCentrum\t\n";
        assertThatThrownBy(() -> AreaGazetteer.load(new StringReader(tsv)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 5");
    }

    @Test
    void shouldRejectMissingHeaderAndUnknownGuards() {
        assertThatThrownBy(
                        () -> AreaGazetteer.load(new StringReader("gebied\tNoord\t-\tNoord\t\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header");
        String tsv = HEADER + "gebied\tNoord\t-\tNoord\t\tcue:Zuid\n";
        assertThatThrownBy(() -> AreaGazetteer.load(new StringReader(tsv)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cue:Zuid");
    }
}
