// The page in the reader's language. Every string the page shows is a key in messages-en.js and
// messages-fr.js (MessagesTest keeps them in step). An element shows a message through its
// data-i18n attributes, so one pass re-translates the static page and what the scripts wrote.
import en from './messages-en.js';
import fr from './messages-fr.js';

const CATALOGUES = { en, fr };
const STORED = 'imagesearch-language';
// Attributes that hold text people read; data-drop is the CSS drop hint (style.css).
const ATTRIBUTES = ['placeholder', 'aria-label', 'alt', 'title', 'data-drop'];

const speaks = (tag) => Object.hasOwn(CATALOGUES, tag);
let language = chosen();
const listeners = [];

/** The stored choice, else the browser's first language the page speaks, else English. */
function chosen() {
  const stored = localStorage.getItem(STORED);
  if (speaks(stored)) return stored;
  const spoken = (navigator.languages || [navigator.language]).map((l) => l.split('-')[0]);
  return spoken.find(speaks) || 'en';
}

export const current = () => language;

/** Numbers in the page's language: `format` is a count of fraction digits, or 'percent'. */
export function number(value, format) {
  const digits = Number(format);
  const options = format === 'percent' ? { style: 'percent', maximumFractionDigits: 0 }
    : Number.isInteger(digits) ? { minimumFractionDigits: digits, maximumFractionDigits: digits }
      : { maximumFractionDigits: 3 };
  return new Intl.NumberFormat(language, options).format(value);
}

/** A date and time in the page's language. */
export function dateTime(value) {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })
    .format(new Date(value));
}

/**
 * The message for `key`: `{name}` takes args.name; a number is formatted (`{name:2}` with 2
 * fraction digits, `{name:percent}` as a percentage), `{name:date}` is a date and time. A key with plural forms (`key.one`, `key.other`...) picks the form
 * for args.count by the language's plural rules. An unknown key shows as itself.
 */
export function t(key, args = {}) {
  const messages = CATALOGUES[language];
  const plural = `${key}.${new Intl.PluralRules(language).select(args.count ?? 0)}`;
  const message = messages[key] ?? messages[plural] ?? messages[`${key}.other`] ?? key;
  return message.replace(/\{(\w+)(?::(\w+))?\}/g, (_, name, format) => {
    const value = args[name];
    if (format === 'date') return dateTime(value);
    return typeof value === 'number' ? number(value, format) : String(value ?? '');
  });
}

/** Shows a message in `element` and keeps it there when the language changes. */
export function text(element, key, args) {
  element.dataset.i18n = key;
  if (args) element.dataset.i18nArgs = JSON.stringify(args);
  else delete element.dataset.i18nArgs;
  element.textContent = t(key, args);
}

/** Shows text that is not a message (a file name, the server's words) in place of a message. */
export function plain(element, value) {
  delete element.dataset.i18n;
  delete element.dataset.i18nArgs;
  element.textContent = value;
}

/** Shows the messages that are given (falsy ones left out) in `element`, `separator` between. */
export function parts(element, messages, separator = '') {
  plain(element, '');
  for (const [key, args] of messages.filter(Boolean)) {
    const span = document.createElement('span');
    text(span, key, args);
    element.append(...(element.firstChild ? [separator, span] : [span]));
  }
}

/** Translates every data-i18n text and data-i18n-<attribute> under `root`. */
export function translate(root = document) {
  for (const element of root.querySelectorAll('[data-i18n]')) {
    const args = element.dataset.i18nArgs ? JSON.parse(element.dataset.i18nArgs) : undefined;
    element.textContent = t(element.dataset.i18n, args);
  }
  for (const attribute of ATTRIBUTES) {
    for (const element of root.querySelectorAll(`[data-i18n-${attribute}]`)) {
      element.setAttribute(attribute, t(element.getAttribute(`data-i18n-${attribute}`)));
    }
  }
  document.documentElement.lang = language;
}

/** Called after the language changes, for what a message key cannot say (numbers in inputs). */
export function onChange(listener) {
  listeners.push(listener);
}

export function use(next) {
  if (!speaks(next)) return;
  language = next;
  localStorage.setItem(STORED, next);
  translate();
  for (const listener of listeners) listener();
}
