import { rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReachable, DATA_DIR, startEmbeddedPostgres, type DatabaseServer } from '../../tools/db/local-server';

// Two clones on one machine both want the embedded PostgreSQL's default port: the second must still start.
describe('the embedded PostgreSQL when its preferred port is taken', () => {
  const name = `postgres-port-test-${process.pid}`;
  const squatter = net.createServer();
  let server: DatabaseServer | undefined;

  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => squatter.close(resolve));
    await rm(path.join(DATA_DIR, name), { recursive: true, force: true });
    await rm(path.join(DATA_DIR, `${name}.json`), { force: true });
  });

  it('starts on a free port instead, and a second start joins it there', async () => {
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as net.AddressInfo).port;

    server = await startEmbeddedPostgres(name, { port: taken, fast: true });
    const port = Number(new URL(server.adminUrl).port);
    expect(port).not.toBe(taken);
    await checkReachable(server.adminUrl);

    const joined = await startEmbeddedPostgres(name, { port: taken, fast: true });
    expect(joined.adminUrl).toBe(server.adminUrl);
  }, 120_000);
});
