package io.mailbin.api;

/** The spec's {@code ErrorResponseBody}: {@code message} says what went wrong, {@code error} names the status. */
record ErrorBody(String message, String error) {}
