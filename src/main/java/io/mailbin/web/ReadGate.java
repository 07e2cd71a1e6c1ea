package io.mailbin.web;

import io.javalin.http.Context;
import io.mailbin.store.StoredMessage;
import io.mailbin.store.Viewer;

/**
 * The REST API's read rules, as the web inbox needs them. The API supplies them, so the browser's live
 * view and its mail frames admit exactly whom the API admits: the same key sources ({@code Mailsac-Key}
 * header, {@code _mailsacKey} parameter), the same throttle on bad keys, the same 401/403/404. A method
 * that refuses throws the API's own error, which the API turns into its JSON error response.
 */
public interface ReadGate {

    /** Identifies the caller and checks it may list {@code address}'s inbox, as listing it over the API would. */
    Inbox inbox(Context ctx, String address);

    /** Identifies the caller and finds message {@code id} under {@code address}, if the caller may read it. */
    StoredMessage message(Context ctx, String address, String id);

    /** A message as the API lists it (the spec's {@code EmailMessage}), ready for the JSON mapper. */
    Object view(StoredMessage message);

    /**
     * An inbox a caller was admitted to.
     *
     * @param address normalised, {@code +tag} kept: listing it matches the inbox or the original address
     * @param viewer  who reads; each message is checked against it, as the API's listing does
     */
    record Inbox(String address, Viewer viewer) {}
}
