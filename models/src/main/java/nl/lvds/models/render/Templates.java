package nl.lvds.models.render;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pebble templates read from the class path: HTML templates escape every printed value (auto-
 * escaping on, with {@link #escapeHtml}); text templates (Markdown, plain text) print values as
 * they are. Templates call {@code t('key', arg…)} for the words of the {@link Messages} they are
 * rendered with. Undefined variables are errors. Values are passed as maps, lists and strings, so
 * rendering needs no reflection on the caller's classes.
 */
public final class Templates {

    /** The variable that holds the {@link Messages} during rendering. */
    private static final String MESSAGES = "_messages";

    private final PebbleEngine engine;

    private Templates(PebbleEngine engine) {
        this.engine = engine;
    }

    /** HTML templates under class-path folder {@code prefix} (e.g. {@code nl/lvds/x/templates}). */
    public static Templates html(String prefix, ClassLoader loader) {
        return new Templates(builder(prefix, loader).autoEscaping(true).build());
    }

    /** Text templates (Markdown, plain text) under {@code prefix}: nothing is escaped. */
    public static Templates text(String prefix, ClassLoader loader) {
        return new Templates(builder(prefix, loader).autoEscaping(false).build());
    }

    private static PebbleEngine.Builder builder(String prefix, ClassLoader loader) {
        ClasspathLoader cl = new ClasspathLoader(loader);
        cl.setPrefix(prefix);
        cl.setCharset("UTF-8");
        return new PebbleEngine.Builder()
                .loader(cl)
                .strictVariables(true)
                .newLineTrimming(false)
                .addEscapingStrategy("lvds-html", Templates::escapeHtml)
                .defaultEscapingStrategy("lvds-html")
                .extension(new MessagesExtension());
    }

    /** Renders template {@code name} with {@code values} and the words of {@code messages}. */
    public String render(String name, Map<String, ?> values, Messages messages) {
        Map<String, Object> context = new HashMap<>(values);
        context.put(MESSAGES, messages);
        StringWriter out = new StringWriter(8 * 1024);
        try {
            PebbleTemplate template = engine.getTemplate(name);
            template.evaluate(out, context, Locale.forLanguageTag(messages.lang()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Escapes text for HTML element content and attribute values ({@code < > & " '}). */
    public static String escapeHtml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code t('key', arg…)}: a message of the {@link Messages} being rendered with. */
    private static final class MessagesExtension extends AbstractExtension {
        @Override
        public Map<String, Function> getFunctions() {
            return Map.of("t", new Translate());
        }
    }

    private static final class Translate implements Function {
        @Override
        public List<String> getArgumentNames() {
            return null;
        }

        @Override
        public Object execute(
                Map<String, Object> args,
                PebbleTemplate self,
                EvaluationContext context,
                int lineNumber) {
            Messages messages = (Messages) context.getVariable(MESSAGES);
            Object key = args.get("0");
            if (key == null) {
                throw new PebbleException(
                        null, "t() needs a message key", lineNumber, self.getName());
            }
            Object[] rest = new Object[args.size() - 1];
            for (int i = 1; i < args.size(); i++) {
                rest[i - 1] = args.get(String.valueOf(i));
            }
            return messages.get(key.toString(), rest);
        }
    }
}
