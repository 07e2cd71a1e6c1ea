package io.mailbin.mail;

/**
 * One attachment as the spec's {@code AttachmentMeta} describes it.
 *
 * @param checksum MD5 of the decoded content, hex; also the identifier the API downloads by
 * @param length   decoded length in bytes
 */
public record AttachmentMeta(
        String checksum,
        String contentId,
        String fileName,
        String contentType,
        long length,
        String transferEncoding,
        String contentDisposition) {}
