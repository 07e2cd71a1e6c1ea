package io.mailbin.store.sqlite;

import io.mailbin.store.Flags;
import io.mailbin.store.Route;
import io.mailbin.store.StoredMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Maps rows of the {@code messages} table to {@link StoredMessage}. */
final class MessageRows {
    static final String COLUMNS = "id, inbox, original_inbox, domain, received, size, summary, spam, folder, labels,"
            + " read, saved_by, owner, private, route";

    /** The same columns qualified with the table alias {@code m}. */
    static final String M_COLUMNS = "m." + COLUMNS.replace(", ", ", m.");

    private final SummaryCodec codec;

    MessageRows(SummaryCodec codec) {
        this.codec = codec;
    }

    StoredMessage map(ResultSet r) throws SQLException {
        double spam = r.getDouble(8);
        Double spamOrNull = r.wasNull() ? null : spam;
        SummaryCodec.RouteDetail detail = codec.readRoute(r.getString(15));
        Route route = new Route(detail.kind(), r.getString(2), r.getString(3), r.getString(4), r.getString(13),
                r.getInt(14) != 0, detail.targets());
        Flags flags = new Flags(r.getString(9), codec.readLabels(r.getString(10)), r.getInt(11) != 0, r.getString(12));
        return new StoredMessage(r.getString(1), route, Instant.ofEpochMilli(r.getLong(5)), r.getInt(6),
                codec.read(r.getString(7)), spamOrNull, flags);
    }

    List<StoredMessage> all(ResultSet r) throws SQLException {
        List<StoredMessage> out = new ArrayList<>();
        while (r.next()) {
            out.add(map(r));
        }
        return out;
    }
}
