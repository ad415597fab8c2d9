// First-load JavaScript per page, from the build output: the root chunks every page loads
// (.next/build-manifest.json rootMainFiles) plus the chunks of the segments the page renders
// (entryJSFiles of its client reference manifest: layouts, error boundaries, the page), each
// gzipped as a server would send it. Checked against the HTML of /transactions: the same chunks
// (the not-found and forbidden boundaries load only when shown; the polyfills are `noModule`).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const NEXT_DIR = '.next';
const ROOT_LAYOUT = '[project]/app/layout';
const ONLY_WHEN_SHOWN = /\/(not-found|forbidden|unauthorized|global-error)$/;

export interface PageJs {
  route: string;
  chunks: number;
  gzipKb: number;
  /** Of which the root chunks every page shares (React and the Next.js runtime). */
  rootGzipKb: number;
  /**
   * Of the rest, Next.js's own chunks for the root layout (its layout router and boundaries: our root
   * layout has no client code). They count against the page's budget, but no page can trim them.
   */
  nextLayoutGzipKb: number;
  /** The same chunks with brotli, which most hosts and CDNs send to browsers that accept it. */
  brotliKb: number;
}

async function* manifests(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* manifests(full);
    else if (entry.name === 'page_client-reference-manifest.js') yield full;
  }
}

/** "/(dashboard)/transactions/[paymentId]/page" → "/transactions/[paymentId]". */
function routeOf(key: string): string {
  const route = key.replace(/\/page$/, '').replace(/\/\([^)]+\)/g, '');
  return route || '/';
}

export async function firstLoadJs(): Promise<PageJs[]> {
  const build = JSON.parse(await readFile(path.join(NEXT_DIR, 'build-manifest.json'), 'utf8')) as {
    rootMainFiles: string[];
  };
  const sizes = new Map<string, { gzip: number; brotli: number }>();
  const sizeOf = async (file: string) => {
    if (!sizes.has(file)) {
      const bytes = await readFile(path.join(NEXT_DIR, file));
      sizes.set(file, { gzip: gzipSync(bytes).length, brotli: brotliCompressSync(bytes).length });
    }
    return sizes.get(file)!;
  };
  let root = 0;
  for (const chunk of build.rootMainFiles) root += (await sizeOf(chunk)).gzip;
  const pages: PageJs[] = [];
  for await (const file of manifests(path.join(NEXT_DIR, 'server', 'app'))) {
    // The file assigns one JSON object: globalThis.__RSC_MANIFEST["<route>"] = {...};
    const text = await readFile(file, 'utf8');
    const match = /__RSC_MANIFEST\["([^"]+)"\]\s*=\s*(\{[\s\S]*\});?\s*$/.exec(text);
    if (!match) throw new Error(`Unexpected client reference manifest format: ${file}`);
    if (match[1]!.startsWith('/_')) continue; // Next's own not-found and global-error pages
    const manifest = JSON.parse(match[2]!) as { entryJSFiles: Record<string, string[]> };
    const rendered = Object.entries(manifest.entryJSFiles).filter(([entry]) => !ONLY_WHEN_SHOWN.test(entry));
    const chunks = new Set([...build.rootMainFiles, ...rendered.flatMap(([, files]) => files)]);
    const frameworkEntries = rendered.filter(
      ([entry]) => entry === ROOT_LAYOUT || entry.includes('/node_modules/next/'),
    );
    const nextLayout = new Set(
      frameworkEntries.flatMap(([, files]) => files).filter((f) => !build.rootMainFiles.includes(f)),
    );
    let nextLayoutGzip = 0;
    for (const chunk of nextLayout) nextLayoutGzip += (await sizeOf(chunk)).gzip;
    let gzip = 0;
    let brotli = 0;
    for (const chunk of chunks) {
      const size = await sizeOf(chunk);
      gzip += size.gzip;
      brotli += size.brotli;
    }
    pages.push({
      route: routeOf(match[1]!),
      chunks: chunks.size,
      gzipKb: gzip / 1024,
      rootGzipKb: root / 1024,
      nextLayoutGzipKb: nextLayoutGzip / 1024,
      brotliKb: brotli / 1024,
    });
  }
  return pages.sort((a, b) => a.route.localeCompare(b.route));
}
