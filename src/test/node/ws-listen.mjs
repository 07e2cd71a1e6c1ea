// Listens on Mailbin's web-socket stream with Node's own WebSocket client and prints every frame as
// one JSON line, then {"closed": code, "reason": ...} when the server closes.
//   MAILBIN_WS_URL=ws://127.0.0.1:PORT/incoming-messages?key=K&addresses=a@x.test,x.test node --experimental-websocket ws-listen.mjs
const url = process.env.MAILBIN_WS_URL;
if (!url) {
  console.error("MAILBIN_WS_URL must be set");
  process.exit(2);
}
const ws = new WebSocket(url);
ws.onmessage = (event) => {
  const frame = JSON.parse(event.data); // fails loudly on anything but JSON
  process.stdout.write(JSON.stringify(frame) + "\n");
};
ws.onclose = (event) => {
  process.stdout.write(JSON.stringify({ closed: event.code, reason: event.reason }) + "\n");
  process.exit(0);
};
ws.onerror = () => {
  process.stdout.write(JSON.stringify({ error: "websocket error" }) + "\n");
};
