// Sign-in for a protected instance. The key goes to search-api once; it answers with an HttpOnly
// cookie that the browser then sends with every /api request, <img> included. This page never
// stores the key (not in localStorage, not in a variable after the request).
const $ = (id) => document.getElementById(id);

let state = { keyRequired: false, signedIn: false };

/** Whether this browser is signed in, so it may offer writes (the ingest-service checks the key). */
export const signedIn = () => state.signedIn;

async function call(method, body) {
  const response = await fetch('/api/session', {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const answer = await response.json().catch(() => null);
  if (!response.ok) throw new Error(answer?.detail || `${response.status} ${response.statusText}`);
  return answer;
}

/** Reads the session; opens the sign-in at once when nothing can be read without a key. */
export async function setup() {
  const dialog = $('sign-in-dialog');
  $('sign-in').addEventListener('click', () => dialog.showModal());
  $('sign-in-cancel').addEventListener('click', () => dialog.close());
  $('sign-out').addEventListener('click', async () => {
    await call('DELETE').catch(() => null);
    location.reload();
  });
  $('sign-in-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('sign-in-key');
    try {
      await call('POST', { key: input.value });
      input.value = '';
      location.reload(); // every count, result and thumbnail loads again, now with the cookie
    } catch (error) {
      $('sign-in-error').textContent = error.message;
      input.select();
    }
  });
  try {
    state = await call('GET');
  } catch {
    // an older search-api without sign-in: the page works as before
  }
  $('sign-in').hidden = state.signedIn;
  $('sign-out').hidden = !state.signedIn;
  $('sign-in-cancel').hidden = state.keyRequired && !state.signedIn;
  if (state.keyRequired && !state.signedIn) dialog.showModal();
}
