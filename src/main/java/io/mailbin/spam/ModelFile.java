package io.mailbin.spam;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The binary model format, version 1. Big-endian; "varint" is an unsigned LEB128 integer.
 *
 * <pre>
 * magic "MBSPAM" (6 bytes), version (u16)
 * tokenizer version (u16)          a model only fits the tokenizer it was trained with
 * s, x, min distance (3 × f64), max clues (i32), threshold (f64)
 * spam messages, ham messages, token count (3 × i32)
 * tokens, in ascending String order, each:
 *     shared prefix length with the previous token in chars (varint),
 *     UTF-8 length (varint), UTF-8 bytes of the rest, spam count (varint), ham count (varint)
 * CRC-32 of everything before it (u32)
 * </pre>
 *
 * Writing iterates tokens in sorted order, so the same table always gives the same bytes.
 */
final class ModelFile {
    static final int VERSION = 1;
    /** Bump when the tokenizer changes what tokens it makes: old models would silently mis-score. */
    static final int TOKENIZER_VERSION = 1;
    private static final byte[] MAGIC = "MBSPAM".getBytes(StandardCharsets.US_ASCII);

    /** Everything a model file holds. */
    record Contents(TokenTable table, RobinsonSettings settings, double threshold) {
    }

    private ModelFile() {
    }

    static void write(Contents contents, OutputStream target) throws IOException {
        var buffer = new ByteArrayOutputStream(1 << 20);
        var out = new DataOutputStream(buffer);
        out.write(MAGIC);
        out.writeShort(VERSION);
        out.writeShort(TOKENIZER_VERSION);
        RobinsonSettings settings = contents.settings();
        out.writeDouble(settings.strength());
        out.writeDouble(settings.prior());
        out.writeDouble(settings.minDistance());
        out.writeInt(settings.maxClues());
        out.writeDouble(contents.threshold());
        TokenTable table = contents.table();
        out.writeInt(table.spamMessages());
        out.writeInt(table.hamMessages());
        out.writeInt(table.vocabularySize());
        String previous = "";
        for (Map.Entry<String, TokenCount> entry : table.sorted().entrySet()) {
            String token = entry.getKey();
            int shared = sharedPrefix(previous, token);
            byte[] rest = token.substring(shared).getBytes(StandardCharsets.UTF_8);
            writeVarint(out, shared);
            writeVarint(out, rest.length);
            out.write(rest);
            writeVarint(out, entry.getValue().spam());
            writeVarint(out, entry.getValue().ham());
            previous = token;
        }
        out.flush();
        var crc = new CRC32();
        crc.update(buffer.toByteArray());
        out.writeInt((int) crc.getValue());
        var sink = new BufferedOutputStream(target);
        buffer.writeTo(sink);
        sink.flush();
    }

    static Contents read(InputStream source) throws IOException {
        byte[] bytes = new BufferedInputStream(source).readAllBytes();
        if (bytes.length < MAGIC.length + 8) {
            throw new IOException("not a Mailbin spam model: file is too short");
        }
        var crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int storedCrc = java.nio.ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        var in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 0, bytes.length - 4));
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a Mailbin spam model: bad magic number");
        }
        int version = in.readUnsignedShort();
        if (version != VERSION) {
            throw new IOException("unsupported spam model version " + version + " (this build reads " + VERSION + ")");
        }
        if (storedCrc != (int) crc.getValue()) {
            throw new IOException("spam model is corrupt: checksum mismatch");
        }
        int tokenizerVersion = in.readUnsignedShort();
        if (tokenizerVersion != TOKENIZER_VERSION) {
            throw new IOException("spam model was trained with tokenizer version " + tokenizerVersion
                    + " but this build tokenizes with version " + TOKENIZER_VERSION + ": retrain it");
        }
        try {
            var settings = new RobinsonSettings(in.readDouble(), in.readDouble(), in.readDouble(), in.readInt());
            double threshold = in.readDouble();
            int spamMessages = in.readInt();
            int hamMessages = in.readInt();
            int tokens = in.readInt();
            if (tokens < 0 || tokens > bytes.length / 4) {
                throw new IOException("spam model is corrupt: " + tokens + " tokens cannot fit in " + bytes.length + " bytes");
            }
            Map<String, TokenCount> counts = HashMap.newHashMap(tokens);
            String previous = "";
            for (int i = 0; i < tokens; i++) {
                int shared = readVarint(in);
                byte[] rest = in.readNBytes(readVarint(in));
                String token = previous.substring(0, shared) + new String(rest, StandardCharsets.UTF_8);
                counts.put(token, new TokenCount(readVarint(in), readVarint(in)));
                previous = token;
            }
            if (in.available() != 0) {
                throw new IOException("spam model is corrupt: " + in.available() + " unexpected bytes after the token table");
            }
            return new Contents(new TokenTable(counts, spamMessages, hamMessages), settings, threshold);
        } catch (EOFException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException("spam model is corrupt or truncated", e);
        }
    }

    /** Shared prefix length, never splitting a surrogate pair (its halves would not survive UTF-8). */
    private static int sharedPrefix(String a, String b) {
        int limit = Math.min(a.length(), b.length());
        int shared = 0;
        while (shared < limit && a.charAt(shared) == b.charAt(shared)) {
            shared++;
        }
        if (shared > 0 && Character.isHighSurrogate(b.charAt(shared - 1))) {
            shared--;
        }
        return shared;
    }

    private static void writeVarint(DataOutputStream out, int value) throws IOException {
        int remaining = value;
        while ((remaining & ~0x7F) != 0) {
            out.writeByte((remaining & 0x7F) | 0x80);
            remaining >>>= 7;
        }
        out.writeByte(remaining);
    }

    private static int readVarint(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("spam model is corrupt: varint too long");
    }
}
