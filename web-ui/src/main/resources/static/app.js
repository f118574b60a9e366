// Wires the page: form <-> state <-> address bar, the query image (drop, paste, pick), the header.
import * as api from './api.js';
import * as deletion from './deletion.js';
import * as detail from './detail.js';
import * as i18n from './i18n.js';
import * as search from './search.js';
import * as session from './session.js';
import * as upload from './upload.js';
import { DEFAULTS, fromUrl, METRICS, toUrl } from './state.js';

const $ = (id) => document.getElementById(id);
const FIELDS = ['q', 'negative', 'tw', 'iw', 'nw', 'model', 'metric', 'collection', 'tags',
  'tagsMatch', 'takenFrom', 'takenTo', 'uploadedFrom', 'uploadedTo', 'k', 'sort'];

let image = null; // { file, id, url } while an image is part of the query
let similarTo = '';
let timer = null;

function readForm() {
  const state = { ...DEFAULTS };
  for (const name of FIELDS) state[name] = $(name).value;
  state.mode = $('hybrid').checked ? 'hybrid' : 'semantic';
  state.hideDuplicates = $('hideDuplicates').checked;
  state.image = image?.id || '';
  state.similar = similarTo;
  return state;
}

function applyState(state) {
  for (const name of FIELDS) {
    if ($(name).tagName === 'SELECT' && ![...$(name).options].some((o) => o.value === state[name])) {
      $(name).append(new Option(state[name], state[name]));
    }
    $(name).value = state[name] ?? '';
  }
  $('hybrid').checked = state.mode !== 'semantic';
  $('hideDuplicates').checked = state.hideDuplicates;
  similarTo = state.similar || '';
  if (['negative', 'model', 'collection', 'tags', 'takenFrom', 'uploadedFrom']
    .some((n) => state[n])) $('more').open = true;
  showWeights();
}

function showWeights() {
  for (const id of ['tw', 'iw', 'nw']) $(`${id}-out`).value = i18n.number(Number($(id).value), 1);
}

async function go(push = false) {
  clearTimeout(timer);
  const state = readForm();
  const url = toUrl(state);
  if (url !== location.pathname + location.search) {
    history[push ? 'pushState' : 'replaceState'](null, '', url);
  }
  hint(state);
  await search.run(state, image?.file, detail.open);
}

function later() {
  clearTimeout(timer);
  timer = setTimeout(() => go(), 350);
}

function hint(state) {
  const textual = state.q.trim() || state.negative.trim();
  const model = state.similar || state.image ? (textual ? 'clip' : state.model || 'vgg16') : 'clip';
  $('model').querySelector('[value=vgg16]').disabled = Boolean(textual);
  if (!textual && !state.similar && !state.image) {
    i18n.text($('metric-hint'), 'hint.browse');
    return;
  }
  const what = state.similar ? 'hint.similar'
    : state.image && textual ? 'hint.combined'
      : state.image ? 'hint.image' : 'hint.text';
  const args = { id: state.similar.slice(0, 8), model: model.toUpperCase() };
  const metric = METRICS[state.metric];
  i18n.parts($('metric-hint'), [[what, args], metric && [metric.hint]], ' ');
}

async function setImage(file, id) {
  if (image?.url) URL.revokeObjectURL(image.url);
  image = { file, url: URL.createObjectURL(file), id: id || (await api.sha256(file)) };
  similarTo = '';
  updateChip();
}

function clearImage() {
  if (image?.url) URL.revokeObjectURL(image.url);
  image = null;
  updateChip();
}

/** The chip shows the query image, or the image whose similar ones are listed. */
function updateChip() {
  const chip = $('image-chip');
  chip.hidden = !image && !similarTo;
  if (image) {
    $('image-chip-img').src = image.url;
    const named = image.file.name && image.file.name !== image.id;
    if (named) i18n.plain($('image-chip-name'), image.file.name);
    else i18n.text($('image-chip-name'), 'image.unnamed', { id: image.id.slice(0, 8) });
  } else if (similarTo) {
    $('image-chip-img').src = `/api/images/${similarTo}/thumbnail`;
    i18n.text($('image-chip-name'), 'chip.similar', { id: similarTo.slice(0, 8) });
  } else {
    $('image-chip-img').removeAttribute('src');
  }
}

async function useImage(file) {
  if (!file || !file.type.startsWith('image/')) {
    i18n.text($('message'), 'message.notImage');
    return;
  }
  await setImage(file);
  go(true);
}

function setupQueryImage() {
  $('pick-image').addEventListener('click', () => $('pick-image-input').click());
  $('pick-image-input').addEventListener('change', (e) => {
    useImage(e.target.files[0]);
    e.target.value = '';
  });
  $('image-chip-remove').addEventListener('click', () => {
    similarTo = '';
    clearImage();
    $('q').focus();
    go(true);
  });
  document.addEventListener('dragover', (e) => {
    if (!upload.isOpen() && e.dataTransfer.types.includes('Files')) {
      e.preventDefault();
      document.body.classList.add('dropping');
    }
  });
  document.addEventListener('dragleave', (e) => {
    if (!e.relatedTarget) document.body.classList.remove('dropping');
  });
  document.addEventListener('drop', (e) => {
    document.body.classList.remove('dropping');
    if (upload.isOpen()) return;
    e.preventDefault();
    useImage(e.dataTransfer.files[0]);
  });
  document.addEventListener('paste', (e) => {
    const file = [...(e.clipboardData?.files || [])].find((f) => f.type.startsWith('image/'));
    if (file && !upload.isOpen()) {
      e.preventDefault();
      useImage(file);
    }
  });
}

function setupForm() {
  $('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    go(true);
  });
  for (const id of ['q', 'negative']) {
    $(id).addEventListener('input', () => {
      if (similarTo) {
        similarTo = '';
        updateChip();
      }
      later();
    });
  }
  for (const id of ['tw', 'iw', 'nw']) {
    $(id).addEventListener('input', () => {
      showWeights();
      later();
    });
  }
  for (const id of ['model', 'metric', 'collection', 'tagsMatch', 'takenFrom', 'takenTo',
    'uploadedFrom', 'uploadedTo', 'k', 'sort', 'hybrid', 'hideDuplicates']) {
    $(id).addEventListener('change', () => go());
  }
  $('tags').addEventListener('input', later);
}

async function refreshInfo() {
  try {
    const info = await api.info();
    // The server counts everyone's uploads; this browser's own count stands in when it cannot.
    const pending = info.pending ?? upload.pending();
    i18n.parts($('counts'), [['counts.indexed', { count: info.indexed }],
      pending && ['counts.pending', { count: pending }],
      info.failed && ['counts.failed', { count: info.failed }]]);
    $('standin-banner').hidden = !info.standinModels;
    showMigration(info.migration);
  } catch (e) {
    i18n.plain($('counts'), e.message);
  }
}

/** The progress of a model migration (null when none runs), refreshed with the counts. */
function showMigration(migration) {
  const banner = $('migration-banner');
  banner.hidden = !migration;
  if (!migration) return;
  const { done, total, etaSeconds } = migration;
  const args = { done, total, percent: total ? Math.min(1, done / total) : 0 };
  if (etaSeconds == null) i18n.text(banner, 'banner.migration', args);
  else i18n.text(banner, 'banner.migrationEta', { ...args, minutes: Math.max(1, Math.ceil(etaSeconds / 60)) });
}

async function refreshCollections() {
  try {
    const { collections } = await api.collections();
    const select = $('collection');
    const chosen = select.value;
    select.replaceChildren(option('form.allCollections', {}, ''), ...collections.map((c) => option(
      'form.collectionCount', { name: c.name, count: c.count }, c.name)));
    if (chosen && !collections.some((c) => c.name === chosen)) select.append(new Option(chosen, chosen));
    select.value = chosen;
  } catch {
    // the filter still works by name from the address bar
  }
}

function option(key, args, value) {
  const o = new Option('', value);
  i18n.text(o, key, args);
  return o;
}

async function load() {
  const state = fromUrl();
  applyState(state);
  clearImage();
  if (state.image) {
    try {
      await setImage(await api.original(state.image), state.image);
    } catch (e) {
      i18n.text($('message'), 'message.imageGone', { error: e.message });
      hint(readForm());
      return;
    }
  }
  await go();
}

let indexedTimer = null;
function indexed() {
  clearTimeout(indexedTimer);
  indexedTimer = setTimeout(() => {
    refreshInfo();
    refreshCollections();
  }, 500);
}

i18n.translate();
$('language').value = i18n.current();
$('language').addEventListener('change', () => i18n.use($('language').value));
i18n.onChange(() => {
  showWeights();
  go(); // the results again, their alt texts and titles in the new language
});
setupForm();
setupQueryImage();
search.setupInfiniteScroll();
detail.setup((id, model) => {
  clearImage();
  $('q').value = '';
  $('negative').value = '';
  $('model').value = model;
  similarTo = id;
  updateChip();
  go(true);
});
upload.setup(indexed);
deletion.setup(indexed);
window.addEventListener('popstate', load);
setInterval(refreshInfo, 15000);
Promise.all([session.setup(), refreshInfo(), refreshCollections(), load()])
  .finally(() => document.body.removeAttribute('aria-busy'));
