// Deleting an image from the detail view. The image leaves the results at once, but the DELETE
// request is withheld for UNDO_MS so that "Undo" needs nothing from the server. One deletion is
// pending at a time: a second one sends the first at once, and so does leaving the page.
import * as api from './api.js';
import * as i18n from './i18n.js';

const UNDO_MS = 6000;
const $ = (id) => document.getElementById(id);

let pending = null; // { id, name, timer }
let onDeleted = () => {};
const gone = new Set(); // pending and deleted ids, hidden for as long as the page lives
const sheet = new CSSStyleSheet(); // CSSOM, which the page's CSP allows (a <style> it does not)

/** True for an image deleted on this page, whether or not its request has gone yet. */
export const isGone = (id) => gone.has(id);

export function setup(deletedHandler) {
  onDeleted = deletedHandler;
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  $('undo').addEventListener('click', undo);
  // keepalive lets the request outlive the page, so a deletion never silently drops.
  window.addEventListener('pagehide', () => pending && send(pending, { keepalive: true }));
}

/** Hides the image everywhere on the page and offers the undo. */
export function remove(id, name) {
  if (pending) send(pending);
  pending = { id, name, timer: setTimeout(() => send(pending), UNDO_MS) };
  hide(id, true);
  i18n.text($('undo-text'), 'undo.deleted', { name });
  $('undo').hidden = false;
  $('undo-bar').hidden = false;
  $('undo').focus();
}

function undo() {
  if (!pending) return;
  clearTimeout(pending.timer);
  const { id } = pending;
  pending = null;
  hide(id, false);
  $('undo-bar').hidden = true;
  document.querySelector(`.card[data-id="${id}"]`)?.focus();
}

async function send(deletion, options = {}) {
  clearTimeout(deletion.timer);
  if (pending === deletion) {
    pending = null;
    $('undo-bar').hidden = true;
  }
  try {
    await api.deleteImage(deletion.id, options);
    onDeleted();
  } catch (e) {
    hide(deletion.id, false);
    i18n.text($('undo-text'), 'undo.failed', { name: deletion.name, error: e.message });
    $('undo').hidden = true;
    $('undo-bar').hidden = false;
  }
}

/**
 * One rule hides the image's card in every list, including pages of results that load while the
 * deletion is pending, without the search code having to know about deletions.
 */
function hide(id, hidden) {
  if (hidden) gone.add(id);
  else gone.delete(id);
  sheet.replaceSync([...gone].map((g) => `li:has(> .card[data-id="${g}"]) { display: none; }`).join('\n'));
}
