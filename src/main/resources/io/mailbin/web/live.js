// New mail of one inbox as it arrives: Mailbin's server-sent event stream at /web/live/{address}.
// Read with fetch rather than EventSource so the API key goes in the Mailsac-Key header (EventSource
// cannot send headers, and a key in the URL would end up in logs). Reconnects with backoff; after every
// (re)connect the caller catches up by listing the inbox since its newest message.

import {keyHeaders, seg} from './api.js';

/**
 * follow(address, {onReady, onMessage, onState}) → stop()
 * onState('live' | 'connecting' | 'offline' | 'denied', detail)
 */
export function follow(address, {onReady, onMessage, onState}) {
  const control = new AbortController();
  let delay = 1000;

  async function connect() {
    while (!control.signal.aborted) {
      onState('connecting');
      try {
        const response = await fetch(`/web/live/${seg(address)}`, {
          headers: {...keyHeaders(), Accept: 'text/event-stream'},
          cache: 'no-store',
          signal: control.signal,
        });
        if (response.status === 401 || response.status === 403 || response.status === 400) {
          let message = `${response.status}`;
          try { message = (await response.json()).message; } catch { /* keep the status */ }
          onState('denied', message);
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        await read(response.body, (event, data) => {
          if (event === 'ready') {
            delay = 1000;
            onState('live');
            onReady();
          } else if (event === 'message') {
            onMessage(JSON.parse(data));
          }
          // 'overflow': the server drops us next; we reconnect and catch up
        });
      } catch (error) {
        if (control.signal.aborted) return;
      }
      if (control.signal.aborted) return;
      onState('offline');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  }

  connect();
  return () => control.abort();
}

/** Parses an event stream: "event:" and "data:" lines, a blank line ends an event, ":" lines are comments. */
async function read(body, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      }
      if (data.length) dispatch(event, data.join('\n'));
    }
  }
}
