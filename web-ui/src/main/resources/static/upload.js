// The upload panel: many files or a folder, a progress bar per file, then each file's status
// (accepted, duplicate, rejected with the reason, indexed, failed), polled until it is final:
// one request per tick for all the files, so a folder of thousands costs the server no more.
import * as api from './api.js';

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
  set(r, 'uploading', 'uploading…');
  // The key travels in the sign-in's HttpOnly cookie, which search-api forwards to ingest-service.
  const result = await api.upload(file, fields, (fraction) => {
    r.progress.value = fraction;
  });
  if (result.status === 'rejected') {
    counts.rejected++;
    set(r, 'rejected', `rejected: ${result.reason}`);
    summary();
    return;
  }
  set(r, result.status, result.status === 'duplicate' ? 'duplicate (already stored)' : 'accepted');
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
        set(r, first, `${first}, waiting for status (${e.message})`);
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

function show(r, first, s) {
  const prefix = first === 'duplicate' ? 'duplicate, ' : '';
  if (s.status === 'indexed' || s.status === 'failed') {
    counts[s.status]++;
    set(r, s.status, prefix + (s.status === 'failed' ? `failed: ${s.reason}` : 'indexed'));
    summary();
  } else if (s.status === 'unknown') { // deleted while it was being indexed
    counts.failed++;
    set(r, 'failed', `${prefix}failed: no longer stored (deleted?)`);
    summary();
  } else {
    set(r, first, `${prefix}stored, indexing…`);
  }
}

function row(file) {
  const li = document.createElement('li');
  const name = document.createElement('span');
  name.className = 'file';
  name.textContent = file.webkitRelativePath || file.name;
  const progress = document.createElement('progress');
  progress.max = 1;
  progress.value = 0;
  progress.setAttribute('aria-label', `Upload of ${file.name}`);
  const status = document.createElement('span');
  status.className = 'status';
  status.textContent = 'waiting';
  li.append(name, progress, status);
  $('upload-list').append(li);
  return { li, progress, status };
}

function set(r, state, text) {
  r.li.dataset.status = state;
  r.status.textContent = text;
}

function summary() {
  const pending = counts.total - counts.indexed - counts.failed - counts.rejected;
  $('upload-summary').textContent = `${counts.total} files: ${counts.indexed} indexed, `
    + `${pending} pending, ${counts.rejected} rejected, ${counts.failed} failed`;
}

export function pending() {
  return counts.total - counts.indexed - counts.failed - counts.rejected;
}
