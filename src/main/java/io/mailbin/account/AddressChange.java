package io.mailbin.account;

/**
 * Changes to a private address's settings (the spec's {@code UpdatePrivateAddressForwarding}). A field
 * left out is not changed; a field given as null or an empty string is cleared.
 */
public record AddressChange(
        Field<String> info,
        Field<String> forward,
        Field<Boolean> enablews,
        Field<String> webhook,
        Field<String> webhookSlack,
        Field<Boolean> webhookSlackToFrom) {

    public static final AddressChange NONE = new AddressChange(Field.absent(), Field.absent(), Field.absent(),
            Field.absent(), Field.absent(), Field.absent());

    /** One optional field of a change: absent (leave as is) or present with a value (null clears). */
    public record Field<T>(boolean present, T value) {
        public static <T> Field<T> absent() {
            return new Field<>(false, null);
        }

        public static <T> Field<T> of(T value) {
            return new Field<>(true, value);
        }

        T apply(T current) {
            if (!present) {
                return current;
            }
            return value instanceof String s && s.isBlank() ? null : value;
        }
    }
}
