// Same-origin calls to search-api (and, through it, the ingest service). Errors are RFC 9457
// problem+json: their `detail` is written for people, so it is what the page shows (in the
// server's words: docs/decisions/0024); the page's own messages are in its language.
import { t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, detail, body) {
    super(detail);
    this.status = status;
    this.body = body;
  }
}

async function read(response) {
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    const detail = body?.detail || body?.title || `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, detail, body);
  }
  return body;
}

async function call(url, options) {
  let response;
  try {
    response = await fetch(url, options);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, t('api.unreachable'), null);
  }
  return read(response);
}

export const info = () => call('/api/info');
export const collections = () => call('/api/collections');
export const metadata = (id) => call(`/api/images/${id}`);
/** Many images' status in one request: `{statuses: [{id, status, reason?}]}`. */
export const imageStatuses = (ids) => call('/api/images/status', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ ids }),
});

/** The collection with no query, newest first (GET /api/images). */
export function browse(params, signal) {
  return call(`/api/images?${params}`, { signal });
}
export const deleteImage = (id, options = {}) => call(`/api/images/${id}`, { method: 'DELETE', ...options });

export function searchText(params, signal) {
  return call(`/api/search?${params}`, { signal });
}

/** POST /api/search: `fields` is a map of form fields, `image` an optional Blob. */
export function searchForm(fields, image, signal) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null && value !== '') form.append(name, value);
  }
  if (image) form.append('image', image, image.name || 'query');
  return call('/api/search', { method: 'POST', body: form, signal });
}

export function similar(id, params, signal) {
  return call(`/api/images/${id}/similar?${params}`, { signal });
}

/** The original bytes of a stored image, for re-running an image query from the address bar. */
export async function original(id) {
  const response = await fetch(`/api/images/${id}/content`);
  if (!response.ok) throw new ApiError(response.status, t('api.noOriginal'));
  const blob = await response.blob();
  return new File([blob], id, { type: blob.type });
}

/**
 * The image id the server gives these bytes: their SHA-256, in lower-case hex (the rule is
 * contracts' ImageId). A query image is never uploaded, yet its id goes in the address
 * (`?image=ID`) so that the query can be re-run from the stored original: so the page hashes.
 */
export async function sha256(blob) {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Uploads one file with XMLHttpRequest, whose upload progress fetch() cannot report.
 * Resolves to the file's result `{id, filename, status, reason?}` whatever the HTTP status.
 */
export function upload(file, fields, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/images');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => resolve(rejected(file, t('api.unreachableShort')));
    xhr.onload = () => {
      const body = xhr.response;
      const result = body?.results?.[0];
      if (result) {
        resolve(result);
      } else if (xhr.status === 401 || xhr.status === 403) {
        resolve(rejected(file, t('api.writeKey', { detail: body?.detail || t('api.keyRefused') })));
      } else {
        resolve(rejected(file, body?.detail || `HTTP ${xhr.status}`));
      }
    };
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      if (value) form.append(name, value);
    }
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function rejected(file, reason) {
  return { filename: file.name, status: 'rejected', reason };
}
