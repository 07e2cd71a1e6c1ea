// Drives a running Mailbin with the official Mailsac client, @mailsac/api, exactly as a CI job would.
// OfficialClientTest sends the mail over SMTP first, then runs this with:
//   MAILBIN_API_URL  base URL of the API, e.g. http://127.0.0.1:8080/api
//   MAILBIN_INBOX    the inbox holding the two messages the test sent
// Every call's result is checked with node:assert; the last line of output is a one-line JSON summary.
"use strict";

const assert = require("node:assert/strict");
const crypto = require("node:crypto");
const { Mailsac } = require("@mailsac/api");

const baseURL = process.env.MAILBIN_API_URL;
const inbox = process.env.MAILBIN_INBOX;
assert.ok(baseURL && inbox, "MAILBIN_API_URL and MAILBIN_INBOX must be set");

// Public inboxes need no key; real users always send one, so the client does too.
const mailsac = new Mailsac({ baseURL, headers: { "Mailsac-Key": process.env.MAILBIN_KEY }, timeout: 10000 });

const ATTACHMENT = "hello attachment\r\n";
const ATTACHMENT_MD5 = crypto.createHash("md5").update(ATTACHMENT).digest("hex");

async function main() {
  const list = (await mailsac.messages.listMessages(inbox)).data;
  assert.equal(list.length, 2);
  const [newest, older] = list;
  assert.equal(newest.subject, "Official client ✓");
  assert.equal(older.subject, "Older message");
  assert.ok(Date.parse(newest.received) > Date.parse(older.received), "newest first");
  assert.deepEqual((await mailsac.messages.listMessages(inbox, { limit: 1 })).data.map((m) => m._id), [newest._id]);
  assert.deepEqual((await mailsac.messages.listMessages(inbox, { until: newest.received })).data.map((m) => m._id),
    [older._id], "until is exclusive");

  const meta = (await mailsac.messages.getMessageMetadata(inbox, newest._id)).data;
  assert.deepEqual(meta, newest, "metadata is the listed object");
  assert.equal(meta.inbox, inbox);
  assert.equal(meta.originalInbox, inbox);
  assert.equal(meta.domain, inbox.split("@")[1]);
  assert.deepEqual(meta.from, [{ address: "sender@official.test", name: "Official Sender" }]);
  assert.deepEqual(meta.to, [{ address: inbox, name: "" }]);
  assert.deepEqual(meta.attachments, [ATTACHMENT_MD5]);
  assert.deepEqual(meta.links, ["https://example.com/official"]);
  assert.equal(meta.folder, "inbox");
  assert.deepEqual(meta.labels, []);
  assert.equal(meta.read, false);
  assert.equal(meta.rtls, false);
  assert.match(meta.received, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

  const raw = (await mailsac.messages.getFullRawMessage(inbox, newest._id)).data;
  assert.equal(typeof raw, "string");
  assert.match(raw, /^Received: from /);
  assert.equal(Buffer.byteLength(raw, "utf8"), meta.size, "size is the raw length");

  const text = (await mailsac.messages.getBodyPlainText(inbox, newest._id)).data;
  assert.equal(text, "Hello from the official client test: https://example.com/official");

  const body = (await mailsac.messages.getBodySanitized(inbox, newest._id)).data;
  assert.equal(body, "<p>Hello from the <b>official</b> client test.</p>");

  const headers = (await mailsac.messages.getHeaders(inbox, newest._id)).data;
  assert.deepEqual(headers.subject, ["Official client ✓"]);
  assert.deepEqual(headers.to, [inbox]);
  assert.equal(headers.received.length, 1);
  const ordered = (await mailsac.messages.getHeaders(inbox, newest._id, { messageHeadersFormat: "json-ordered" })).data;
  assert.equal(ordered[0].name, "received");
  assert.deepEqual(ordered.find((h) => h.name === "subject"), { name: "subject", value: "Official client ✓" });
  const plain = (await mailsac.messages.getHeaders(inbox, newest._id, { messageHeadersFormat: "plain" })).data;
  assert.equal(plain, raw.slice(0, raw.indexOf("\r\n\r\n") + 2));

  const attachments = (await mailsac.attachments.listMessageAttachments(inbox, newest._id)).data;
  assert.equal(attachments.length, 1);
  assert.equal(attachments[0].checksum, ATTACHMENT_MD5);
  assert.equal(attachments[0].fileName, "hello.txt");
  assert.equal(attachments[0].contentType, "text/plain");
  assert.equal(attachments[0].length, Buffer.byteLength(ATTACHMENT));
  const download = (await mailsac.attachments.downloadAttachment(inbox, newest._id, "hello.txt", { format: "arraybuffer" })).data;
  assert.equal(Buffer.from(download).toString("utf8"), ATTACHMENT);

  const deleted = (await mailsac.messages.deleteMessage(inbox, older._id)).data;
  assert.deepEqual(deleted, { _id: older._id, inbox, message: "Message was deleted." });
  const count = (await mailsac.messages.countMessages(inbox)).data;
  assert.deepEqual(count, { count: 1, inbox });
  await assert.rejects(mailsac.messages.getMessageMetadata(inbox, older._id), (err) => {
    assert.equal(err.response.status, 404);
    assert.equal(err.response.data.error, "Not Found");
    return true;
  });

  console.log(JSON.stringify({
    listed: list.length,
    newest: newest._id,
    deleted: older._id,
    remaining: count.count,
    attachment: attachments[0].checksum,
    size: meta.size,
  }));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  if (err && err.response) {
    console.error("HTTP", err.response.status, JSON.stringify(err.response.data));
  }
  process.exit(1);
});
