/**
 * The request header proxy.ts sets to the path asked for (any the browser sent is replaced): the
 * server-rendered navigation marks the current section from it (components/nav-links.tsx), since
 * Next.js gives a layout no pathname of its own.
 */
export const PATHNAME_HEADER = 'x-pathname';
