package io.mailbin.store.sqlite;

import io.mailbin.mail.MessageSummary;
import io.mailbin.store.ForwardingTarget;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Turns the immutable message summary, the route details and label lists into the JSON text columns that hold them. */
final class SummaryCodec {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private final JsonMapper json = JsonMapper.builder().build();

    /** What the {@code route} column keeps beyond the indexed columns. */
    record RouteDetail(String kind, List<ForwardingTarget> targets) {}

    String write(MessageSummary summary) {
        return json.writeValueAsString(summary);
    }

    MessageSummary read(String text) {
        return json.readValue(text, MessageSummary.class);
    }

    String writeRoute(RouteDetail detail) {
        return json.writeValueAsString(detail);
    }

    RouteDetail readRoute(String text) {
        return text == null ? new RouteDetail("public", List.of()) : json.readValue(text, RouteDetail.class);
    }

    String writeLabels(List<String> labels) {
        return json.writeValueAsString(labels);
    }

    List<String> readLabels(String text) {
        return text == null || text.isEmpty() ? List.of() : json.readValue(text, STRINGS);
    }
}
