package nl.lvds.models.classify;

/**
 * Normalises a (lower-cased) token for features: strips common accents, collapses elongations
 * ("echttt" → "echtt") and undoes leetspeak inside words ("m0sl1ms" → "moslims"). Cheap for the
 * common case of a plain ASCII word: it returns the same instance.
 */
public final class TokenNormalizer {

    private TokenNormalizer() {}

    /** The normalised form of a token. */
    public static String normalize(String token) {
        int n = token.length();
        boolean letters = false;
        boolean leet = false;
        boolean change = false;
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (c >= 'a' && c <= 'z') {
                letters = true;
            } else if (c >= 'A' && c <= 'Z' || c > 127 && fold(c) != c) {
                change = true;
                letters = true;
            } else if (isLeet(c)) {
                leet = true;
            }
            if (i >= 2 && c == token.charAt(i - 1) && c == token.charAt(i - 2)) {
                change = true;
            }
        }
        boolean undoLeet = leet && letters && n >= 3;
        if (!change && !undoLeet) {
            return token;
        }
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = Character.toLowerCase(fold(token.charAt(i)));
            if (undoLeet && isLeet(c) && (i > 0 || n > 3)) {
                c = unleet(c);
            }
            int len = sb.length();
            if (len >= 2 && sb.charAt(len - 1) == c && sb.charAt(len - 2) == c) {
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean isLeet(char c) {
        return c == '0' || c == '1' || c == '3' || c == '4' || c == '5' || c == '7' || c == '@'
                || c == '$' || c == '!';
    }

    private static char unleet(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1', '!' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> c;
        };
    }

    /** Folds the Latin-1 and common Latin Extended accented letters to ASCII. */
    static char fold(char c) {
        if (c < 0xC0) {
            return c;
        }
        return switch (c) {
            case 'à', 'á', 'â', 'ã', 'ä', 'å' -> 'a';
            case 'À', 'Á', 'Â', 'Ã', 'Ä', 'Å' -> 'A';
            case 'è', 'é', 'ê', 'ë' -> 'e';
            case 'È', 'É', 'Ê', 'Ë' -> 'E';
            case 'ì', 'í', 'î', 'ï' -> 'i';
            case 'Ì', 'Í', 'Î', 'Ï' -> 'I';
            case 'ò', 'ó', 'ô', 'õ', 'ö' -> 'o';
            case 'Ò', 'Ó', 'Ô', 'Õ', 'Ö' -> 'O';
            case 'ù', 'ú', 'û', 'ü' -> 'u';
            case 'Ù', 'Ú', 'Û', 'Ü' -> 'U';
            case 'ç' -> 'c';
            case 'Ç' -> 'C';
            case 'ñ' -> 'n';
            case 'ş' -> 's';
            case 'ğ' -> 'g';
            case 'ı' -> 'i';
            default -> c;
        };
    }
}
