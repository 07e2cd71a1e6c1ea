package io.mailbin.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.stream.Field;

/**
 * A message's top-level header block as the parser read it. Ingest keeps the parser's fields, which
 * costs nothing, and decodes them into {@link HeaderField}s only when someone asks (a web-socket frame,
 * a webhook), so that reading them never means parsing the message again.
 */
public final class HeaderBlock {
    private final List<Field> fields;
    private volatile List<HeaderField> decoded;

    HeaderBlock(List<Field> fields) {
        this.fields = fields;
    }

    /** The fields in order, each with its decoded value and its raw line. */
    public List<HeaderField> fields() {
        List<HeaderField> d = decoded;
        if (d == null) {
            List<HeaderField> list = new ArrayList<>(fields.size());
            for (Field f : fields) {
                list.add(decode(f));
            }
            d = decoded = List.copyOf(list);
        }
        return d;
    }

    static HeaderField decode(Field f) {
        String rawLine = f.getRaw() == null ? f.getName() + ": " + f.getBody()
                : new String(f.getRaw().toByteArray(), StandardCharsets.UTF_8);
        return new HeaderField(f.getName(), Headers.decode(f.getBody()), rawLine);
    }
}
