import { CATALOG_LIMITS } from '@passerelle/contracts';
import { AppError } from '../../http/app-error';
import { uriProblem } from '../../identity/clients/client-uris';

export const ICON_FETCH_TIMEOUT_MS = 5_000;
export const ICON_FETCH_MAX_REDIRECTS = 3;

function refused(message: string): AppError {
  return new AppError('validation_failed', 400, message, { url: [message] });
}

/**
 * Fetches an icon once, for storing (icons are never hot-linked): https, or http on a loopback host,
 * at every hop; at most 3 redirects, 5 seconds in all, and no more than the icon size limit read.
 */
export async function fetchIconBytes(url: string, fetchImpl: typeof fetch = fetch): Promise<Buffer> {
  const signal = AbortSignal.timeout(ICON_FETCH_TIMEOUT_MS);
  let target = url;
  try {
    for (let hop = 0; ; hop++) {
      const problem = uriProblem(target);
      if (problem) throw refused(hop === 0 ? problem : `The icon URL redirects to ${target}: ${problem}`);
      const response = await fetchImpl(target, { redirect: 'manual', signal, headers: { accept: 'image/png, image/jpeg, image/webp, image/gif' } });
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        await response.body?.cancel();
        if (hop >= ICON_FETCH_MAX_REDIRECTS) throw refused(`The icon URL redirects more than ${ICON_FETCH_MAX_REDIRECTS} times.`);
        target = new URL(response.headers.get('location') as string, target).toString();
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw refused(`The icon URL answered ${response.status}, not an image.`);
      }
      return await readAtMost(response, CATALOG_LIMITS.iconBytesMax);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') throw refused(`The icon URL did not answer within ${ICON_FETCH_TIMEOUT_MS / 1000} seconds.`);
    throw refused('The icon URL could not be reached.');
  }
}

/** Reads the body, stopping (and refusing) as soon as it passes `max` bytes. */
async function readAtMost(response: Response, max: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel();
    throw refused(`The image is too large: at most ${max / 1024} KB.`);
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw refused(`The image is too large: at most ${max / 1024} KB.`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
