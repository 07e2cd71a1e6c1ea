package io.mailbin.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints human byte sizes such as {@code 10MB}, {@code 2.5MB}, {@code 512KiB} or {@code 1048576}. */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?I?B?)?", Pattern.CASE_INSENSITIVE);

    private ByteSize() {}

    /** Decimal units (KB = 1000) and binary units (KiB = 1024) are both accepted; a bare number is bytes. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (try 10MB, 512KiB or a number of bytes)");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
        boolean binary = unit.contains("I");
        double base = binary ? 1024 : 1000;
        int power = unit.isEmpty() ? 0 : "BKMGT".indexOf(unit.charAt(0));
        if (power < 0) {
            throw new IllegalArgumentException("not a size: '" + text + "'");
        }
        if (unit.equals("B")) {
            power = 0;
        }
        return Math.round(number * Math.pow(base, power));
    }

    public static String format(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value))
                + " " + units[unit];
    }
}
