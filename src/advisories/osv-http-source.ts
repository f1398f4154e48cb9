// Reads an osv.dev-compatible HTTP source, laid out like osv.dev's export bucket
// (https://osv-vulnerabilities.storage.googleapis.com): per ecosystem, `<base>/<ecosystem>/all.zip`
// with every record, `<base>/<ecosystem>/modified_id.csv` listing `<modified>,<id>` newest
// first, and `<base>/<ecosystem>/<id>.json` for each record. Every failure is a
// `download-failed` error that names the URL.
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { RetrofitError } from '../errors.js';

/** The source's base URL as given, checked, without a trailing slash. */
export function sourceBaseUrl(from: string): string {
  let url: URL;
  try {
    url = new URL(from);
  } catch {
    throw new RetrofitError('usage', `${from} is not a URL`, {
      input: from,
      hint: 'For example: --from https://osv-vulnerabilities.storage.googleapis.com',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RetrofitError('usage', `${from} is not an http or https URL`, {
      input: from,
      hint: 'To read a downloaded export, use: retrofit advisories import <all.zip>',
    });
  }
  return url.href.replace(/\/+$/, '');
}

/** `<base>/<ecosystem>/<file>`, the ecosystem escaped (`Rocky Linux`, `Debian:12`). */
export function sourceUrl(base: string, ecosystem: string, file: string): string {
  return `${base}/${encodeURIComponent(ecosystem)}/${file
    .split('/')
    .map(encodeURIComponent)
    .join('/')}`;
}

/** A whole small document (the change index, one record) as text. */
export async function fetchText(url: string): Promise<string> {
  const response = await get(url);
  try {
    return await response.text();
  } catch (error) {
    throw downloadFailed(url, `the connection broke: ${(error as Error).message}`);
  }
}

/**
 * Streams a download to `file`, reporting progress now and then. Large archives (osv.dev's
 * npm/all.zip is hundreds of megabytes) never sit in memory.
 */
export async function downloadFile(
  url: string,
  file: string,
  onProgress: (bytes: number, total: number | null) => void = () => {},
): Promise<number> {
  const response = await get(url);
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  let bytes = 0;
  let reported = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes - reported >= PROGRESS_BYTES) {
        reported = bytes;
        onProgress(bytes, total);
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>),
      count,
      fs.createWriteStream(file),
    );
  } catch (error) {
    throw downloadFailed(url, `the download broke off: ${(error as Error).message}`);
  }
  if (total !== null && bytes !== total) {
    throw downloadFailed(url, `received ${bytes} of ${total} bytes`);
  }
  return bytes;
}

const PROGRESS_BYTES = 8 * 1024 * 1024;

async function get(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { message?: string; code?: string } }).cause;
    throw downloadFailed(url, cause?.code ?? cause?.message ?? (error as Error).message);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    const error = downloadFailed(
      url,
      `the server answered ${response.status} ${response.statusText}`,
    );
    error.data.httpStatus = response.status;
    throw error;
  }
  if (!response.body) throw downloadFailed(url, 'the server sent no body');
  return response;
}

function downloadFailed(url: string, reason: string): RetrofitError {
  return new RetrofitError('download-failed', `cannot download ${url}: ${reason}`, {
    input: url,
    hint: 'Check the URL and the network; the database was left as it was, so run the sync again.',
  });
}
