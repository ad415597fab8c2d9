// How long a session lives. Without a request from the person (not the page's own refreshes:
// proxy.ts) it ends after SESSION_IDLE_SECONDS; whatever happens, SESSION_ABSOLUTE_SECONDS after
// sign-in. A module of its own so that code without Auth.js (the session records) can read them.
export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_ABSOLUTE_SECONDS = 12 * 3600;
