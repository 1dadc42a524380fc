package nl.lvds.models.codec;

import java.util.function.Function;

/**
 * The result of decoding one record: either the value or a {@link DecodeError}. Decoding never
 * throws.
 *
 * @param <T> the record type
 */
public sealed interface Decoded<T> {

    /**
     * A successfully decoded record.
     *
     * @param value the record
     * @param droppedIdentityFields how many identity fields (author, handle, email, ...) the
     *     decoder dropped from this record
     */
    record Ok<T>(T value, int droppedIdentityFields) implements Decoded<T> {}

    /** A record that could not be decoded. */
    record Err<T>(DecodeError error) implements Decoded<T> {}

    /** Whether this is an {@link Ok}. */
    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value, or throws {@link IllegalStateException} with the (text-free) reason. */
    default T orThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("not decoded: " + ((Err<T>) this).error().message());
    }

    /** The error, or null for an {@link Ok}. */
    default DecodeError errorOrNull() {
        return this instanceof Err<T> err ? err.error() : null;
    }

    /** Maps the value of an {@link Ok}; an {@link Err} is passed on. */
    default <R> Decoded<R> map(Function<T, R> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()), ok.droppedIdentityFields());
        }
        return new Err<>(((Err<T>) this).error());
    }
}
