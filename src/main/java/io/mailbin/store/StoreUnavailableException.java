package io.mailbin.store;

/**
 * The store cannot take or serve data right now (disk full, read-only, database down). Callers answer
 * with a temporary failure (SMTP 451, HTTP 503) so that nothing is acknowledged that was not kept.
 */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
