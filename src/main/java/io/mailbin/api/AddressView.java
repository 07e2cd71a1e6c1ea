package io.mailbin.api;

import io.mailbin.api.json.MessageView;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mailbin.store.CustomDomain;
import io.mailbin.store.ReservedAddress;

/**
 * An address as the spec's {@code EmailAddress} shows it. The web-socket flag goes out under both
 * spellings in use: {@code enabledws} (the address object's) and {@code enablews} (the request's).
 * Fields that do not apply are left out, as the spec does for {@code owner} of an unowned address.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AddressView(
        @JsonProperty("_id") String id,
        String info,
        boolean enabledws,
        boolean enablews,
        String forward,
        String webhook,
        String webhookSlack,
        Boolean webhookSlackToFrom,
        String owner,
        String encryptedInbox,
        String catchAll,
        boolean implicit,
        String created,
        String updated) {

    static AddressView of(ReservedAddress a) {
        return new AddressView(a.address(), a.info(), a.enablews(), a.enablews(), a.forward(), a.webhook(),
                a.webhookSlack(), a.webhookSlackToFrom(), a.owner(), a.encryptedInbox(),
                a.isCatchAll() ? a.domain() : null, false, MessageView.iso(a.created()), MessageView.iso(a.updated()));
    }

    /** An unreserved address of a custom domain: it belongs to the domain's owner all the same. */
    static AddressView implicit(String address, CustomDomain d) {
        return new AddressView(address, null, d.enablews(), d.enablews(), null, null, null, null, d.owner(), null,
                null, true, null, null);
    }

    /** An address nobody owns. */
    static AddressView unowned(String address) {
        return new AddressView(address, null, false, false, null, null, null, null, null, null, null, false, null, null);
    }
}
