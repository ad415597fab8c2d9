// A route handler's refusal: a line of plain text with its status, never cached.
export function plainRefusal(status: number, text: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
