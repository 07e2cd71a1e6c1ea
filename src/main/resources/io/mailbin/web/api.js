// Talking to Mailbin's REST API, with the user's key when there is one. The key lives in this browser's
// localStorage only and travels in the Mailsac-Key header, never in a URL.

const KEY = 'mailbin.apiKey';

export const apiKey = {
  get: () => localStorage.getItem(KEY),
  set: (key) => localStorage.setItem(KEY, key),
  clear: () => localStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** An address or id as one path segment. */
export const seg = (value) => encodeURIComponent(value);

export function keyHeaders(key = apiKey.get()) {
  return key ? {'Mailsac-Key': key} : {};
}

/**
 * fetch with the key. as: 'json' (default), 'text' or 'blob'. Throws ApiError with the API's message
 * (its JSON error body says what went wrong) for any status that is not 2xx.
 */
export async function api(path, {method = 'GET', body, as = 'json', key, signal} = {}) {
  const headers = keyHeaders(key);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, signal, cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const error = await response.json();
      if (error && error.message) message = error.message;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, message);
  }
  if (response.status === 204) return null;
  if (as === 'text') return response.text();
  if (as === 'blob') return response.blob();
  return response.json();
}

/** What to tell the user about a failed request, with a hint for the cases they can fix. */
export function explain(error) {
  if (!(error instanceof ApiError)) return `Mailbin could not be reached: ${error.message}`;
  if (error.status === 401 && /Invalid API key/i.test(error.message)) {
    return 'The API key saved in this browser is not valid any more: change it on the Account page.';
  }
  if (error.status === 401 && !apiKey.get()) return `${error.message}. Enter your API key on the Account page.`;
  return error.message;
}
