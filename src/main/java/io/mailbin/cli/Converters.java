package io.mailbin.cli;

import io.mailbin.config.ByteSize;
import io.mailbin.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Flag value converters for sizes ({@code 10MB}) and durations ({@code 60s}, {@code 4d}). */
final class Converters {
    private Converters() {}

    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return ByteSize.parse(value);
        }
    }

    static final class Time implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }
}
