package io.mailbin.ingest;

/** Decodes the character references that appear inside HTML attribute values such as URLs. */
final class HtmlEntities {
    private HtmlEntities() {}

    static String decode(String s) {
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (amp >= 0) {
            out.append(s, i, amp);
            int semi = s.indexOf(';', amp);
            String ref = semi > amp && semi - amp <= 10 ? s.substring(amp + 1, semi) : null;
            String decoded = ref == null ? null : decodeRef(ref);
            if (decoded == null) {
                out.append('&');
                i = amp + 1;
            } else {
                out.append(decoded);
                i = semi + 1;
            }
            amp = s.indexOf('&', i);
        }
        return out.append(s, i, s.length()).toString();
    }

    private static String decodeRef(String ref) {
        switch (ref) {
            case "amp": return "&";
            case "quot": return "\"";
            case "apos": return "'";
            case "lt": return "<";
            case "gt": return ">";
            default:
        }
        try {
            if (ref.startsWith("#x") || ref.startsWith("#X")) {
                return Character.toString(Integer.parseInt(ref.substring(2), 16));
            }
            if (ref.startsWith("#")) {
                return Character.toString(Integer.parseInt(ref.substring(1)));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
