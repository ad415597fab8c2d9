// Signs in over HTTP the way a browser's form post to Auth.js does (CSRF token, then the
// credentials callback) and returns the Cookie header of the session, for the load tool to send.
function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf).join('; ') },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${baseUrl}/` }),
  });
  const session = cookiesOf(answer).filter((c) => c.includes('session-token'));
  if (!session.length) throw new Error(`Sign-in as ${email} failed (HTTP ${answer.status}): is the scale data seeded?`);
  const cookie = session.join('; ');
  const check = await fetch(`${baseUrl}/transactions`, { headers: { cookie }, redirect: 'manual' });
  if (check.status !== 200) throw new Error(`Signed in, but /transactions answered HTTP ${check.status}.`);
  return cookie;
}
