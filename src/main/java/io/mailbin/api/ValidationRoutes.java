package io.mailbin.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.mailbin.account.EmailValidation;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The spec's email validation endpoints. */
final class ValidationRoutes {
    private final EmailValidation validation;

    ValidationRoutes(EmailValidation validation) {
        this.validation = validation;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/validations/addresses/{email}", ctx -> ctx.json(validation.validate(ctx.pathParam("email"))));
        routes.post("/api/validations/addresses", this::bulk);
    }

    private void bulk(Context ctx) {
        JsonNode emails = Auth.body(ctx).get("emails");
        if (emails == null || !emails.isArray()) {
            throw ApiException.badRequest("body must be {\"emails\": [\"a@example.com\", ...]}");
        }
        if (emails.size() > EmailValidation.BULK_LIMIT) {
            throw ApiException.badRequest("at most " + EmailValidation.BULK_LIMIT + " emails per request, got " + emails.size());
        }
        List<EmailValidation.Integrity> out = new ArrayList<>();
        for (JsonNode e : emails) {
            if (!e.isString()) {
                throw ApiException.badRequest("emails must be strings");
            }
            out.add(validation.validate(e.asString()));
        }
        ctx.json(out);
    }
}
