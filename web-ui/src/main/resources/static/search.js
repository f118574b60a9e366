// Runs a search for a state (and an optional query image), renders the grid, and loads the next
// page when the end of the list scrolls into view.
import * as api from './api.js';
import * as i18n from './i18n.js';
import { filterParams, kind, METRICS, sortParam } from './state.js';

const $ = (id) => document.getElementById(id);

let controller = null;
let page = null; // { fetch(token), nextPageToken, strong: [], weak: [], metric, loading }

/** Every hit shown, in display order: strong matches, then weak ones. */
export function shown() {
  return page ? [...page.strong, ...page.weak] : [];
}

/** The score's message: [key, args] for i18n.text. */
export function scoreMessage(hit, metric) {
  const value = Math.abs(hit.score) < 0.005 ? 0 : hit.score; // never "-0.00"
  return [METRICS[metric]?.score ?? 'score.similarity', { value }];
}

export function altText(hit) {
  const name = hit.filename || i18n.t('image.unnamed', { id: hit.id.slice(0, 8) });
  return hit.caption ? i18n.t('image.captioned', { name, caption: hit.caption }) : name;
}

function request(state, image) {
  const what = kind(state, Boolean(image));
  const filters = { ...filterParams(state), sort: sortParam(state, what) };
  const metric = state.metric;
  switch (what) {
    case 'text': {
      const mode = state.mode === 'semantic' ? 'semantic' : 'hybrid';
      return (token) => api.searchText(
        new URLSearchParams({ q: state.q.trim(), mode, metric, ...filters, ...(token ? { pageToken: token } : {}) }),
        controller.signal);
    }
    case 'combined':
    case 'image': {
      const text = state.q.trim();
      const negative = state.negative.trim();
      const fields = {
        q: text, negative, metric, ...filters,
        model: text || negative ? 'clip' : state.model,
        textWeight: text ? state.tw : '', imageWeight: image ? state.iw : '',
        negativeWeight: negative ? state.nw : '',
      };
      return (token) => api.searchForm({ ...fields, pageToken: token }, image, controller.signal);
    }
    case 'similar': {
      const model = state.model || 'vgg16';
      return (token) => api.similar(state.similar,
        new URLSearchParams({ model, metric, ...filters, ...(token ? { pageToken: token } : {}) }),
        controller.signal);
    }
    default:
      return (token) => api.browse(
        new URLSearchParams({ ...filters, ...(token ? { pageToken: token } : {}) }),
        controller.signal);
  }
}

/** Starts a new search; resolves once its first page is shown (or failed). */
export async function run(state, image, onOpen) {
  controller?.abort();
  controller = new AbortController();
  const fetchPage = request(state, image);
  clear();
  page = {
    fetch: fetchPage, nextPageToken: null, strong: [], weak: [], metric: state.metric, onOpen,
    browsing: kind(state, Boolean(image)) === 'browse', sort: state.sort,
  };
  await more(page);
}

function clear() {
  $('results').replaceChildren();
  $('weak-results').replaceChildren();
  $('weak').hidden = true;
  $('result-count').replaceChildren();
  i18n.plain($('message'), '');
}

async function more(current, token) {
  current.loading = true;
  i18n.text($('message'), token ? 'message.loadingMore' : 'message.searching');
  try {
    const response = await current.fetch(token);
    if (page !== current) return;
    current.nextPageToken = response.nextPageToken || null;
    current.metric = response.metric || current.metric;
    append(current, response.hits);
    const done = message(current, response);
    if (done) i18n.text($('message'), done);
    else i18n.plain($('message'), '');
  } catch (e) {
    if (e.name === 'AbortError' || page !== current) return;
    i18n.plain($('message'), e.message);
    current.nextPageToken = null;
  } finally {
    current.loading = false;
  }
  if (page === current && current.nextPageToken && nearBottom()) more(current, current.nextPageToken);
}

function nearBottom() {
  return $('sentinel').getBoundingClientRect().top < window.innerHeight + 400;
}

function message(current, response) {
  const total = current.strong.length + current.weak.length;
  if (total === 0 && current.browsing) return 'message.emptyCollection';
  if (total === 0 && current.sort !== 'relevance') return 'message.noneToSort';
  if (total === 0) return 'message.noMatch';
  if (current.strong.length === 0 || response.allWeak) return 'message.allWeak';
  return null;
}

function append(current, hits) {
  for (const hit of hits) {
    const weak = hit.weakMatch;
    const list = weak ? current.weak : current.strong;
    list.push(hit);
    $(weak ? 'weak-results' : 'results').append(card(hit, current));
  }
  $('weak').hidden = current.weak.length === 0;
  const total = current.strong.length + current.weak.length;
  i18n.parts($('result-count'), [['results.count', { count: total }],
    current.weak.length && ['results.weak', { count: current.weak.length }],
    current.nextPageToken && ['results.more']]);
}

function card(hit, current) {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'card';
  button.dataset.id = hit.id;
  const img = document.createElement('img');
  img.src = hit.thumbnailUrl;
  img.alt = altText(hit);
  img.loading = 'lazy';
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = hit.filename || hit.id.slice(0, 12);
  button.append(img);
  if (hit.score !== undefined) { // listed images (no query) have no score
    button.dataset.score = hit.score;
    const score = document.createElement('span');
    score.className = 'score';
    i18n.text(score, ...scoreMessage(hit, current.metric));
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.setProperty('--s', hit.similarity);
    bar.title = i18n.t('score.percent', { value: hit.similarity });
    button.append(score, bar);
  }
  button.append(name);
  button.addEventListener('click', () => current.onOpen(hit.id));
  li.append(button);
  return li;
}

export function setupInfiniteScroll() {
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && page?.nextPageToken && !page.loading) {
      more(page, page.nextPageToken);
    }
  }, { rootMargin: '400px' }).observe($('sentinel'));
}

export function metric() {
  return page?.metric;
}
