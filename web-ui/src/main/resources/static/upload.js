// The upload panel: many files or a folder, a progress bar per file, then each file's status
// (accepted, duplicate, rejected with the reason, indexed, failed), polled until it is final:
// one request per tick for all the files, so a folder of thousands costs the server no more.
import * as api from './api.js';
import * as i18n from './i18n.js';

const $ = (id) => document.getElementById(id);
const PARALLEL = 3;
const POLL_MS = 1500;
const MAX_IDS = 200; // contracts' StatusQuery.MAX_IDS: more ids in one request are a 400
const IMAGE_NAME = /\.(jpe?g|png|webp|gif|bmp|tiff?)$/i;

const queue = [];
let active = 0;
let onIndexed = () => {};
const watched = new Map(); // id -> rows waiting for it, [{ r, first }], the longest waiting first
let polling = false;
let rowCount = 0; // rows shown, for their ids
const counts = { total: 0, indexed: 0, failed: 0, rejected: 0 };

export function setup(indexedHandler) {
  onIndexed = indexedHandler;
  const dialog = $('upload');
  $('open-upload').addEventListener('click', () => dialog.showModal());
  $('upload-close').addEventListener('click', () => dialog.close());
  $('up-pick').addEventListener('click', () => $('up-files').click());
  $('up-pick-folder').addEventListener('click', () => $('up-folder').click());
  for (const input of [$('up-files'), $('up-folder')]) {
    input.addEventListener('change', () => {
      add([...input.files]);
      input.value = '';
    });
  }
  const zone = $('dropzone');
  dialog.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  dialog.addEventListener('dragleave', () => zone.classList.remove('over'));
  dialog.addEventListener('drop', async (e) => {
    e.preventDefault();
    e.stopPropagation();
    zone.classList.remove('over');
    add(await droppedFiles(e.dataTransfer));
  });
}

export function isOpen() {
  return $('upload').open;
}

/** Files dropped, folders walked recursively (only image names from folders). */
async function droppedFiles(transfer) {
  const entries = [...transfer.items].map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
  if (entries.length === 0) return [...transfer.files];
  const files = [];
  const walk = async (entry) => {
    if (entry.isFile) {
      files.push(await new Promise((ok, fail) => entry.file(ok, fail)));
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
        if (batch.length === 0) break;
        for (const child of batch) {
          if (child.isDirectory || IMAGE_NAME.test(child.name)) await walk(child);
        }
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return files;
}

function add(files) {
  const fields = {
    collection: $('up-collection').value.trim(),
    tags: $('up-tags').value.trim(),
    caption: $('up-caption').value.trim(),
  };
  for (const file of files) {
    queue.push({ file, fields, row: row(file) });
    counts.total++;
  }
  summary();
  pump();
}

function pump() {
  while (active < PARALLEL && queue.length) {
    const item = queue.shift();
    active++;
    send(item).finally(() => {
      active--;
      pump();
    });
  }
}

async function send({ file, fields, row: r }) {
  set(r, 'uploading', 'upload.uploading');
  // The key travels in the sign-in's HttpOnly cookie, which search-api forwards to ingest-service.
  const result = await api.upload(file, fields, (fraction) => {
    r.progress.value = fraction;
  });
  if (result.status === 'rejected') {
    counts.rejected++;
    set(r, 'rejected', 'upload.rejected', { reason: result.reason });
    summary();
    return;
  }
  set(r, result.status, result.status === 'duplicate' ? 'upload.duplicate' : 'upload.accepted');
  r.li.dataset.id = result.id;
  watched.set(result.id, [...(watched.get(result.id) || []), { r, first: result.status }]);
  if (!polling) {
    polling = true;
    setTimeout(poll, POLL_MS);
  }
}

/** One status request for up to MAX_IDS watched files; the ones asked go to the back. */
async function poll() {
  const ids = [...watched.keys()].slice(0, MAX_IDS);
  try {
    const { statuses } = await api.imageStatuses(ids);
    for (const s of statuses) {
      const rows = watched.get(s.id) || [];
      const final = s.status === 'indexed' || s.status === 'failed' || s.status === 'unknown';
      if (final) watched.delete(s.id);
      for (const { r, first } of rows) show(r, first, s);
    }
    if (statuses.some((s) => s.status === 'indexed')) onIndexed();
  } catch (e) {
    for (const id of ids) {
      for (const { r, first } of watched.get(id) || []) {
        const key = first === 'duplicate' ? 'upload.duplicateWaiting' : 'upload.acceptedWaiting';
        set(r, first, key, { error: e.message });
      }
    }
  }
  for (const id of ids) {
    const rows = watched.get(id);
    if (rows) {
      watched.delete(id);
      watched.set(id, rows);
    }
  }
  if (watched.size) {
    setTimeout(poll, POLL_MS);
  } else {
    polling = false;
  }
}

/** Message keys by status, for a new file and for a duplicate of a stored one. */
const SHOWN = {
  indexed: ['upload.indexed', 'upload.duplicateIndexed'],
  failed: ['upload.failed', 'upload.duplicateFailed'],
  unknown: ['upload.gone', 'upload.duplicateGone'], // deleted while it was being indexed
  stored: ['upload.stored', 'upload.duplicateStored'],
};

function show(r, first, s) {
  const status = SHOWN[s.status] ? s.status : 'stored';
  const key = SHOWN[status][first === 'duplicate' ? 1 : 0];
  if (status === 'stored') {
    set(r, first, key);
    return;
  }
  const final = status === 'indexed' ? 'indexed' : 'failed';
  counts[final]++;
  set(r, final, key, { reason: s.reason });
  summary();
}

function row(file) {
  const li = document.createElement('li');
  const name = document.createElement('span');
  name.className = 'file';
  name.textContent = file.webkitRelativePath || file.name;
  name.id = `upload-${++rowCount}`;
  const progress = document.createElement('progress');
  progress.max = 1;
  progress.value = 0;
  progress.setAttribute('aria-labelledby', name.id); // the file's name names its progress
  const status = document.createElement('span');
  status.className = 'status';
  i18n.text(status, 'upload.waiting');
  li.append(name, progress, status);
  $('upload-list').append(li);
  return { li, progress, status };
}

function set(r, state, key, args) {
  r.li.dataset.status = state;
  i18n.text(r.status, key, args);
}

function summary() {
  const pending = counts.total - counts.indexed - counts.failed - counts.rejected;
  i18n.text($('upload-summary'), 'upload.summary', { ...counts, count: counts.total, pending });
}

export function pending() {
  return counts.total - counts.indexed - counts.failed - counts.rejected;
}
