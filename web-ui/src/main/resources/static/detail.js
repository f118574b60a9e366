// The large view of one result: metadata, EXIF, tags, caption, "similar" and download, with
// arrow keys for the previous and next result and Esc to close.
import * as api from './api.js';
import * as deletion from './deletion.js';
import * as i18n from './i18n.js';
import { altText, metric, scoreMessage, shown } from './search.js';
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
  $('detail-img').alt = hit ? altText(hit) : i18n.t('detail.selected');
  $('detail-download').href = `/api/images/${id}/content`;
  $('detail-download').download = hit?.filename || id;
  i18n.parts($('detail-score'), hit?.score === undefined ? [] : [scoreMessage(hit, metric()),
    ['score.percent', { value: hit.similarity }], hit.weakMatch && ['score.weak']], ' · ');
  $('detail-prev').disabled = i <= 0;
  $('detail-next').disabled = i < 0 || i >= hits.length - 1;
  $('detail-meta').replaceChildren();
  if (!dialog.open) dialog.showModal();
  try {
    const meta = await api.metadata(id);
    if (currentId === id) render(meta);
  } catch (e) {
    if (currentId === id) rows([['detail.details', e.message]]);
  }
}

/** The index's statuses that the page words itself; others show as the server names them. */
const STATUSES = { indexed: 'status.indexed', failed: 'status.failed' };

function render(m) {
  const t = (key, args, when = true) => (when ? i18n.t(key, args) : null);
  const date = (value) => (value ? i18n.dateTime(value) : null);
  const status = STATUSES[m.status] ? i18n.t(STATUSES[m.status]) : m.status;
  rows([
    ['detail.file', m.filename],
    ['detail.caption', m.caption],
    ['detail.tags', m.tags?.length ? m.tags.join(', ') : null],
    ['detail.collection', m.collection],
    ['detail.size', t('detail.pixels', { width: m.width, height: m.height }, m.width)],
    ['detail.bytes', t('detail.kilobytes', { size: m.sizeBytes / 1024, type: m.contentType },
      m.sizeBytes)],
    ['detail.taken', date(m.takenAt)],
    ['detail.camera', m.camera],
    ['detail.location', t('detail.latLon', m.location, m.location)],
    ['detail.uploaded', date(m.uploadedAt)],
    ['detail.indexed', date(m.indexedAt)],
    ['detail.status', m.failureReason
      ? i18n.t('detail.statusReason', { status, reason: m.failureReason }) : status],
    ['detail.duplicateOf', m.duplicateOf],
    ['detail.models', [m.vgg16Model, m.clipModel].filter(Boolean).join(', ')],
    ['detail.id', m.id],
  ]);
}

/** [message key, value] pairs; empty values are left out. */
function rows(pairs) {
  const dl = $('detail-meta');
  dl.replaceChildren();
  for (const [key, value] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    const dt = document.createElement('dt');
    i18n.text(dt, key);
    const dd = document.createElement('dd');
    dd.textContent = value;
    dl.append(dt, dd);
  }
}
