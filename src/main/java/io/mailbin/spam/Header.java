package io.mailbin.spam;

/** One header field of a message: lower-case name and unfolded, RFC 2047-decoded value. */
record Header(String name, String value) {
}
