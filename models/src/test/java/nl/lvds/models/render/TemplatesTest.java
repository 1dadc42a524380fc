package nl.lvds.models.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    private static final ClassLoader LOADER = TemplatesTest.class.getClassLoader();
    private static final String BUNDLE = "nl.lvds.models.render.testmessages";
    private static final String PREFIX = "nl/lvds/models/render/templates/";

    @Test
    void shouldFillPlaceholdersAsTheyAreAndKeepApostrophes() {
        Messages nl = Messages.load(BUNDLE, "nl", LOADER);
        assertThat(nl.get("greeting", "Ann", 1234))
                .isEqualTo("Hallo Ann, dit zijn de thema's van 1234.");
        assertThat(nl.get("plain")).isEqualTo("Geen {plaats}houder");
        assertThat(Messages.load(BUNDLE, "en", LOADER).get("greeting", "Ann", "Rotterdam"))
                .isEqualTo("Hello Ann, these are the topics of Rotterdam.");
        assertThat(nl.getOrDefault("missing", "raw")).isEqualTo("raw");
        assertThatThrownBy(() -> nl.get("missing")).hasMessageContaining("missing");
        assertThatThrownBy(() -> nl.get("greeting", "only one")).hasMessageContaining("argument 1");
        assertThatThrownBy(() -> Messages.load(BUNDLE, "de", LOADER))
                .hasMessageContaining("nl or en");
    }

    @Test
    void shouldEscapeEveryValueInHtmlTemplates() {
        Map<String, Object> v = new HashMap<>();
        v.put("name", "<script>alert('x')</script>&\"");
        v.put("city", "R'dam");
        v.put("markup", "<b>trusted</b>");
        String html =
                Templates.html(PREFIX, LOADER)
                        .render("page.html.peb", v, Messages.load(BUNDLE, "nl", LOADER));
        assertThat(html)
                .isEqualTo(
                        "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;\">"
                                + "Hallo &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;,"
                                + " dit zijn de thema&#39;s van R&#39;dam.</p>\n"
                                + "<p><b>trusted</b></p>\n")
                .doesNotContain("<script>");
    }

    @Test
    void shouldPrintValuesAsTheyAreInTextTemplates() {
        Map<String, Object> v = new HashMap<>();
        v.put("name", "<Ann>");
        v.put("city", "R'dam");
        v.put("items", List.of("a & b", "c"));
        String md =
                Templates.text(PREFIX, LOADER)
                        .render("list.md.peb", v, Messages.load(BUNDLE, "en", LOADER));
        assertThat(md).isEqualTo("# Hello <Ann>, these are the topics of R'dam.\n\n- a & b\n- c\n");
    }

    @Test
    void shouldRefuseAnUndefinedVariable() {
        Map<String, Object> v = new HashMap<>();
        v.put("name", "Ann");
        assertThatThrownBy(
                        () ->
                                Templates.html(PREFIX, LOADER)
                                        .render(
                                                "page.html.peb",
                                                v,
                                                Messages.load(BUNDLE, "nl", LOADER)))
                .hasMessageContaining("city");
    }

    @Test
    void shouldEscapeLikeTheHtmlEscaper() {
        assertThat(Templates.escapeHtml("a<b>&\"'ë")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39;ë");
        assertThat(Templates.escapeHtml(null)).isEmpty();
    }
}
