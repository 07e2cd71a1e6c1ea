// Drives a running Mailbin's account features with the official Mailsac client, @mailsac/api: every address,
// domain, message-action, account and validation call the client offers. OfficialAccountsClientTest sets up
// accounts, a custom domain and mail first, then runs this with:
//   MAILBIN_API_URL    base URL of the API, e.g. http://127.0.0.1:8080/api
//   MAILBIN_KEY        the key of the account under test (it owns MAILBIN_DOMAIN)
//   MAILBIN_OTHER_KEY  the key of another account
//   MAILBIN_DOMAIN     the custom domain, holding "dom 1".."dom 3" sent to d1@, d2@, d3@ in that order
//   MAILBIN_PUBLIC     a public inbox holding one message, "public to star"
// Every call's result is checked with node:assert; the last line of output is a one-line JSON summary.
"use strict";

const assert = require("node:assert/strict");
const { Mailsac } = require("@mailsac/api");

const { MAILBIN_API_URL: baseURL, MAILBIN_KEY: key, MAILBIN_OTHER_KEY: otherKey, MAILBIN_DOMAIN: domain,
  MAILBIN_PUBLIC: publicInbox } = process.env;
assert.ok(baseURL && key && otherKey && domain && publicInbox, "MAILBIN_* variables must be set");

const mailsac = new Mailsac({ baseURL, headers: { "Mailsac-Key": key }, timeout: 10000 });
const other = new Mailsac({ baseURL, headers: { "Mailsac-Key": otherKey }, timeout: 10000 });

/** Awaits a call that must fail with an HTTP status. */
async function rejectsWith(status, call) {
  await assert.rejects(call, (err) => {
    assert.equal(err.response && err.response.status, status, `expected ${status}, got ${err.message}`);
    assert.equal(typeof err.response.data.message, "string");
    return true;
  });
}

async function addresses(summary) {
  const email = "ci-reserved@accounts-client.test";
  assert.deepEqual((await mailsac.addresses.checkAvailability(email)).data, { available: true, email, owned: false });

  const created = (await mailsac.addresses.createAddress(email, { enablews: true, info: "ci" })).data;
  assert.equal(created._id, email);
  assert.equal(created.owner, summary.account);
  assert.equal(created.info, "ci");
  assert.equal(created.enabledws, true, "enablews in, enabledws out");
  assert.match(created.encryptedInbox, /^inbox-[0-9a-f]{40}@accounts-client\.test$/);
  await rejectsWith(400, mailsac.addresses.createAddress(email));
  await rejectsWith(401, other.addresses.createAddress(email));
  assert.deepEqual((await mailsac.addresses.checkAvailability(email)).data, { available: false, email, owned: true });
  assert.deepEqual((await mailsac.addresses.getAddress(email)).data, created);
  await rejectsWith(401, other.addresses.getAddress(email));

  const updated = (await mailsac.addresses.updateAddress(email, {
    forward: "ci-target@elsewhere.test", enablews: false, webhook: "https://hooks.example.test/ci" })).data;
  assert.equal(updated.forward, "ci-target@elsewhere.test");
  assert.equal(updated.enabledws, false);
  assert.equal(updated.webhook, "https://hooks.example.test/ci");
  assert.equal(updated.info, "ci", "fields left out stay");

  const bulk = (await mailsac.addresses.createAddresses({
    addresses: ["ci-bulk1@accounts-client.test", "ci-bulk2@accounts-client.test"] })).data;
  assert.deepEqual(bulk.map((a) => a._id), ["ci-bulk1@accounts-client.test", "ci-bulk2@accounts-client.test"]);
  const mine = (await mailsac.addresses.listAddresses()).data.map((a) => a._id);
  assert.deepEqual(mine, ["ci-bulk1@accounts-client.test", "ci-bulk2@accounts-client.test", email]);
  assert.deepEqual((await other.addresses.listAddresses()).data, []);

  const released = (await mailsac.addresses.deleteAddress("ci-bulk2@accounts-client.test",
    { deleteAddressMessages: true })).data;
  assert.equal(released._id, "ci-bulk2@accounts-client.test");
  assert.equal(released.owner, summary.account);
  await rejectsWith(400, mailsac.addresses.deleteAddress("ci-bulk2@accounts-client.test"));
  summary.addresses = (await mailsac.addresses.listAddresses()).data.map((a) => a._id);
}

async function domains(summary) {
  const list = (await mailsac.domains.listDomains()).data;
  assert.deepEqual(list.map((d) => d._id), [domain]);
  const info = (await mailsac.domains.getDomain(domain)).data;
  assert.equal(info.domain._id, domain);
  assert.equal(info.domain.owner, summary.account);
  assert.equal(info.domain.isPrivate, true);
  assert.equal(info.totalMessages, 3);
  assert.equal(info.catchAllAddress, null);
  await rejectsWith(401, other.domains.getDomain(domain));

  const newest = (await mailsac.messages.listDomainMessages(domain, { limit: 2 })).data;
  assert.deepEqual(newest.map((m) => m.subject), ["dom 3", "dom 2"]);
  const rest = (await mailsac.messages.listDomainMessages(domain, { until: newest[1].received })).data;
  assert.deepEqual(rest.map((m) => m.subject), ["dom 1"]);
  await rejectsWith(403, other.messages.listDomainMessages(domain));
  summary.domainMessages = [...newest, ...rest].map((m) => m._id);
}

async function actions(summary) {
  const [d3, d2, d1] = summary.domainMessages;
  const d1Inbox = `d1@${domain}`;
  assert.equal((await mailsac.messages.toggleMessageStar(d1Inbox, d1)).data.savedBy, summary.account);
  assert.equal((await mailsac.messages.toggleMessageStar(d1Inbox, d1)).data.savedBy, null, "the star toggles");
  assert.equal((await mailsac.messages.toggleMessageStar(d1Inbox, d1)).data.savedBy, summary.account);
  await rejectsWith(401, other.messages.toggleMessageStar(d1Inbox, d1));

  const [pub] = (await mailsac.messages.listMessages(publicInbox)).data;
  assert.equal(pub.subject, "public to star");
  assert.equal((await mailsac.messages.toggleMessageStar(publicInbox, pub._id)).data.savedBy, summary.account);
  assert.deepEqual((await other.messages.listMessages(publicInbox)).data, [], "a starred public message is the starrer's");
  assert.deepEqual((await mailsac.messages.listStarredMessages()).data.map((m) => m._id), [pub._id, d1]);

  assert.deepEqual((await mailsac.messages.addMessageLabel(d1Inbox, d1, "ci")).data, { _id: d1, labels: ["ci"] });
  assert.deepEqual((await mailsac.messages.addMessageLabel(d1Inbox, d1, "ci")).data, { _id: d1, labels: ["ci"] });
  assert.deepEqual((await mailsac.messages.addMessageLabel(d1Inbox, d1, "later")).data.labels, ["ci", "later"]);
  assert.deepEqual((await mailsac.messages.deleteMessageLabel(d1Inbox, d1, "ci")).data, { _id: d1, labels: ["later"] });
  assert.deepEqual((await mailsac.messages.setMessageFolder(d1Inbox, d1, "spam")).data, { _id: d1, folder: "spam" });
  await rejectsWith(400, mailsac.messages.setMessageFolder(d1Inbox, d1, "archive"));
  assert.deepEqual((await mailsac.messages.setMessageReadStatus(`d2@${domain}`, d2, true)).data, { _id: d2, read: true });
  await rejectsWith(401, other.messages.setMessageReadStatus(`d2@${domain}`, d2, false));
  const meta = (await mailsac.messages.getMessageMetadata(d1Inbox, d1)).data;
  assert.deepEqual([meta.folder, meta.labels, meta.savedBy], ["spam", ["later"], summary.account]);

  const inbox = (await mailsac.messages.listInboxMessages({ limit: 10 })).data;
  assert.deepEqual(inbox.messages.map((m) => m._id), [pub._id, d3, d2, d1]);
  assert.equal(inbox.unread, 3);
  assert.deepEqual((await mailsac.messages.listInboxMessages({ limit: 2, skip: 1 })).data.messages.map((m) => m._id),
    [d3, d2]);
  assert.deepEqual((await mailsac.messages.filterInboxMessages({ andSubjectIncludes: "dom" })).data.messages
    .map((m) => m._id), [d3, d2, d1]);
  assert.deepEqual((await mailsac.messages.filterInboxMessages({ andSubjectIncludes: "dom", andRead: true })).data
    .messages.map((m) => m._id), [d2]);
  const search = (await mailsac.messages.searchInboxMessages({ query: `d3@${domain}` })).data;
  assert.deepEqual([search.query, search.messages.map((m) => m._id)], [`d3@${domain}`, [d3]]);

  assert.equal((await mailsac.messages.deleteAllMessages(d1Inbox)).status, 204);
  assert.deepEqual((await mailsac.messages.listMessages(d1Inbox)).data.map((m) => m._id), [d1], "starred mail stays");
  assert.equal((await mailsac.messages.deleteAllDomainMessages(domain)).status, 204);
  assert.equal((await mailsac.domains.getDomain(domain)).data.totalMessages, 0, "starred domain mail goes too");
  summary.starred = (await mailsac.messages.listStarredMessages()).data.map((m) => m._id);
}

async function account(summary) {
  const stats = (await mailsac.account.accountStats()).data;
  assert.deepEqual(stats.addresses, summary.addresses);
  assert.deepEqual(stats.domains, [domain]);
  assert.equal(stats.starredMessages, 1);
  assert.equal(stats.storedMessages, 0);
  assert.equal(stats.inboxBytes, 0);
  summary.stats = stats;

  const valid = (await mailsac.emailValidation.validateAddress("someone@mailinator.com")).data;
  assert.equal(valid.validFormat, true);
  assert.equal(valid.isDisposable, true);
  const bulk = (await mailsac.emailValidation.validateAddressesBulk({ emails: ["a@example.org", "not an address"] })).data;
  assert.deepEqual(bulk.map((v) => [v.email, v.validFormat, v.isDisposable]),
    [["a@example.org", true, false], ["not an address", false, false]]);
}

async function main() {
  const summary = { account: (await mailsac.account.user()).data._id };
  await addresses(summary);
  await domains(summary);
  await actions(summary);
  await account(summary);
  console.log(JSON.stringify(summary));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  if (err && err.response) {
    console.error("HTTP", err.response.status, JSON.stringify(err.response.data));
  }
  process.exit(1);
});
