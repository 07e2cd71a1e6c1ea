package io.mailbin.store;

/** A write would have duplicated something that must be unique (an account name, an address, a domain). */
public final class DuplicateException extends RuntimeException {
    public DuplicateException(String message) {
        super(message);
    }
}
