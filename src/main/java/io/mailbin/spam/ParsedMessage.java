package io.mailbin.spam;

import java.util.List;

/** The parts of a message that tokens are made from: top-level headers and leaf parts. */
record ParsedMessage(List<Header> headers, List<MessagePart> parts) {
}
