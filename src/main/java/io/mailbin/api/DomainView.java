package io.mailbin.api;

import io.mailbin.api.json.MessageView;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mailbin.store.CustomDomain;

/**
 * A custom domain as the spec's {@code Domain} shows it. Mailbin makes no DNS checks: a domain the
 * operator or an account adds is taken as verified, since mail for it reaches this server only if
 * its MX points here.
 */
record DomainView(
        @JsonProperty("_id") String id,
        String created,
        String updated,
        boolean enablews,
        boolean hosted,
        boolean isDefault,
        boolean isPrivate,
        String owner,
        boolean verified,
        boolean verifiedMx) {

    static DomainView of(CustomDomain d) {
        return new DomainView(d.domain(), MessageView.iso(d.created()), MessageView.iso(d.updated()), d.enablews(),
                false, false, d.isPrivate(), d.owner(), true, true);
    }
}
