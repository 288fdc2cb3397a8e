/**
 * fetch, cut off when `signal` aborts (the emulator closing). Each request gets a signal of its
 * own, tied to the long-lived one only while it runs: fetch leaves its abort listener on the
 * signal it is handed, and the emulator's outlives thousands of callbacks.
 */
export async function fetchUntilAborted(
  url: string,
  init: Omit<RequestInit, 'signal'>,
  signal: AbortSignal,
  read: (response: Response) => Promise<unknown> = (response) => response.arrayBuffer(),
): Promise<{ response: Response; body: unknown }> {
  const request = new AbortController();
  const abort = () => request.abort(signal.reason);
  if (signal.aborted) abort();
  else signal.addEventListener('abort', abort, { once: true });
  try {
    const response = await fetch(url, { ...init, signal: request.signal });
    return { response, body: await read(response) };
  } finally {
    signal.removeEventListener('abort', abort);
  }
}
