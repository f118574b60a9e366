// The large view of one result: metadata, EXIF, tags, caption, "similar" and download, with
// arrow keys for the previous and next result and Esc to close.
import * as api from './api.js';
import * as deletion from './deletion.js';
import { altText, metric, scoreText, shown } from './search.js';
import { signedIn } from './session.js';

const $ = (id) => document.getElementById(id);
let currentId = null;
let onSimilar = () => {};

export function setup(similarHandler) {
  onSimilar = similarHandler;
  const dialog = $('detail');
  $('detail-close').addEventListener('click', () => dialog.close());
  $('detail-prev').addEventListener('click', () => step(-1));
  $('detail-next').addEventListener('click', () => step(1));
  $('similar-vgg16').addEventListener('click', () => similar('vgg16'));
  $('similar-clip').addEventListener('click', () => similar('clip'));
  $('detail-delete').addEventListener('click', () => confirming(true));
  $('delete-no').addEventListener('click', () => confirming(false));
  $('delete-yes').addEventListener('click', () => {
    const id = currentId;
    dialog.close();
    deletion.remove(id, $('detail-title').textContent);
  });
  dialog.addEventListener('keydown', (e) => {
    if (e.target.closest('input, select, textarea')) return;
    if (e.key === 'ArrowLeft') step(-1);
    if (e.key === 'ArrowRight') step(1);
  });
  dialog.addEventListener('click', (e) => e.target === dialog && dialog.close());
  dialog.addEventListener('close', () => {
    document.querySelector(`.card[data-id="${currentId}"]`)?.focus();
  });
}

function similar(model) {
  $('detail').close();
  onSimilar(currentId, model);
}

/** The second step of a deletion, in place of a browser confirm() that a phone hides badly. */
function confirming(on) {
  $('delete-confirm').hidden = !on;
  $(on ? 'delete-no' : 'detail-delete').focus();
}

/** The results still on the page: those deleted here are left out at once. */
const visible = () => shown().filter((h) => !deletion.isGone(h.id));

function step(delta) {
  const hits = visible();
  const i = hits.findIndex((h) => h.id === currentId);
  if (i >= 0 && hits[i + delta]) open(hits[i + delta].id);
}

export async function open(id) {
  currentId = id;
  const hits = visible();
  const i = hits.findIndex((h) => h.id === id);
  const hit = hits[i];
  $('detail-delete').hidden = !signedIn(); // the ingest-service still checks the key's role
  $('delete-confirm').hidden = true;
  const dialog = $('detail');
  $('detail-title').textContent = hit?.filename || id.slice(0, 12);
  $('detail-img').src = `/api/images/${id}/content`;
  $('detail-img').alt = hit ? altText(hit) : 'The selected image';
  $('detail-download').href = `/api/images/${id}/content`;
  $('detail-download').download = hit?.filename || id;
  $('detail-score').textContent = hit?.score !== undefined
    ? `${scoreText(hit, metric())} · ${Math.round(hit.similarity * 100)}% similar`
      + (hit.weakMatch ? ' · weak match' : '')
    : '';
  $('detail-prev').disabled = i <= 0;
  $('detail-next').disabled = i < 0 || i >= hits.length - 1;
  $('detail-meta').replaceChildren();
  if (!dialog.open) dialog.showModal();
  try {
    const meta = await api.metadata(id);
    if (currentId === id) render(meta);
  } catch (e) {
    if (currentId === id) rows([['Details', e.message]]);
  }
}

function render(m) {
  const when = (t) => (t ? new Date(t).toLocaleString() : null);
  rows([
    ['File', m.filename],
    ['Caption', m.caption],
    ['Tags', m.tags?.length ? m.tags.join(', ') : null],
    ['Collection', m.collection],
    ['Size', m.width ? `${m.width} × ${m.height} px` : null],
    ['Bytes', m.sizeBytes ? `${(m.sizeBytes / 1024).toFixed(1)} KB (${m.contentType})` : null],
    ['Taken', when(m.takenAt)],
    ['Camera', m.camera],
    ['Location', m.location ? `${m.location.lat.toFixed(5)}, ${m.location.lon.toFixed(5)}` : null],
    ['Uploaded', when(m.uploadedAt)],
    ['Indexed', when(m.indexedAt)],
    ['Status', m.failureReason ? `${m.status}: ${m.failureReason}` : m.status],
    ['Near-duplicate of', m.duplicateOf],
    ['Models', [m.vgg16Model, m.clipModel].filter(Boolean).join(', ')],
    ['Id', m.id],
  ]);
}

function rows(pairs) {
  const dl = $('detail-meta');
  dl.replaceChildren();
  for (const [name, value] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dl.append(dt, dd);
  }
}
