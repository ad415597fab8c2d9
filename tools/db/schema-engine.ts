// Prisma's schema engine, run as WebAssembly over a node-postgres connection.
//
// The Prisma CLI's native schema engine is downloaded on first use from a host these machines
// cannot reach, so `prisma migrate` cannot run here. The same engine ships on npm compiled to
// WebAssembly; driven through @prisma/adapter-pg it creates and applies migrations in Prisma's
// standard layout and records them in `_prisma_migrations`, exactly as `prisma migrate deploy`
// does, so a machine with the CLI agrees with what ran here.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { env } from '../../lib/env';

import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

let wasmReady: Promise<void> | undefined;
let lastPanic: string | undefined;
// The engine reports a Rust panic's message here before it throws "unreachable".
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message: (message: string) => {
    lastPanic = message;
    if (env().DEBUG_SCHEMA_ENGINE) console.error(message);
  },
};

/** The package's ESM entry imports the .wasm file as a module, which Node 20 refuses: load it by hand. */
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(
      path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')),
      'schema_engine_bg.wasm',
    );
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': wasmBindings as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start(): void };
    (wasmBindings as unknown as { __wbg_set_wasm(e: WebAssembly.Exports): void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return wasmReady;
}

function connectionFields(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || undefined,
    port: u.port ? Number(u.port) : undefined,
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    // a socket directory may come as ?host=/var/run/postgresql
    ...(u.searchParams.get('host') ? { host: u.searchParams.get('host')! } : {}),
  };
}

/**
 * adapter-pg's factory with a shadow database that works: the stock one is given a connection
 * string that overrides the shadow database's name (so "shadow" would be the main database), and
 * its cleanup drops the shadow database while its own pool still holds connections to it.
 */
function adapterFactory(url: string, opened: Connected[]) {
  const fields = connectionFields(url);
  const main = new PrismaPg(fields);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => {
      const adapter = patchAdapter(await main.connect());
      opened.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      const database = `prisma_shadow_${crypto.randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client(fields);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${database}"`);
      await admin.end();
      const shadow = patchAdapter(await new PrismaPg({ ...fields, database }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        const cleanup = new pg.Client(fields);
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        await cleanup.end();
      };
      return shadow;
    },
  };
}

type Connected = Awaited<ReturnType<PrismaPg['connect']>>;

const PG_CHAR = 18; // the one-byte "char" of the catalogs (pg_constraint.contype, ...)
const PG_BPCHAR = 1042;

type Query = Parameters<Connected['queryRaw']>[0];
interface Internals {
  client: pg.Pool;
  onError(error: unknown): never;
  performIO(query: Query): Promise<pg.QueryResult>;
}

/**
 * adapter-pg knows no column type for PostgreSQL's internal "char", which the engine reads (as a
 * Character) from the catalogs when it describes a schema with CHECK constraints or triggers.
 */
function readCatalogChars(adapter: Connected) {
  const internals = adapter as unknown as Internals;
  const charColumns = new WeakMap<Query, number[]>();
  const performIO = internals.performIO.bind(adapter);
  internals.performIO = async (query) => {
    const result = await performIO(query);
    const columns: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID !== PG_CHAR) return;
      columns.push(i);
      field.dataTypeID = PG_BPCHAR;
    });
    if (columns.length) charColumns.set(query, columns);
    return result;
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) resultSet.columnTypes[i] = ColumnTypeEnum.Character;
    return resultSet;
  };
}

/**
 * adapter-pg runs a migration script by splitting it on every ";", which breaks any statement with
 * a semicolon inside (a PL/pgSQL function body, a comment). Prisma's native engine sends the script
 * whole, as one simple query; do the same.
 */
function patchAdapter(adapter: Connected): Connected {
  const internals = adapter as unknown as Internals;
  readCatalogChars(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await internals.client.query(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return adapter;
}

export async function withSchemaEngine<T>(
  url: string,
  datamodel: { path: string; content: string } | undefined,
  work: (engine: SchemaEngine, output: string[]) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const output: string[] = [];
  // The engine never closes what it connects: we do, or the pool keeps the process alive.
  const opened: Connected[] = [];
  const adapter = bindMigrationAwareSqlAdapterFactory(adapterFactory(url, opened) as never);
  const engine = await wasmBindings.SchemaEngine.new(
    { datamodels: datamodel ? [[datamodel.path, datamodel.content]] : undefined },
    (line: string) => output.push(line),
    adapter,
  );
  try {
    return await work(engine, output);
  } catch (error) {
    if (lastPanic) throw new Error(`Prisma schema engine panicked: ${lastPanic}`, { cause: error });
    throw error;
  } finally {
    lastPanic = undefined;
    engine.free();
    await Promise.all(opened.map((a) => a.dispose().catch(() => {})));
  }
}
