// The sandbox's two RSA key pairs: "Antom's" (signs answers and notifications) and the merchant's
// (the dashboard signs requests with it). The real Antom never holds a merchant's private key; the
// sandbox makes one so that a fresh checkout works with no setup, and hands it over in appEnv.
import { createPublicKey, generateKeyPair as generateKeyPairCb, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parsePrivateKey } from '../lib/antom';

const generateKeyPair = promisify(generateKeyPairCb);

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface SandboxKeys {
  antom: KeyPair;
  merchant: KeyPair;
}

/** PEM text for both pairs, e.g. fixed test keys. */
export interface SandboxKeyPems {
  antomPrivateKey: string;
  merchantPrivateKey: string;
}

async function newPair(): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('rsa', { modulusLength: 2048 });
  return { privateKey, publicKey };
}

function pairFrom(privatePem: string, what: string): KeyPair {
  const privateKey = parsePrivateKey(privatePem, what);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

async function readOrCreate(dir: string | null, name: string): Promise<KeyPair> {
  const file = dir ? path.join(dir, `${name}-private.pem`) : null;
  if (file) {
    const pem = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (pem) return pairFrom(pem, file);
  }
  const pair = await newPair();
  if (dir && file) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(file, pair.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    // The public halves too, so a person can paste Antom's public key elsewhere without tools.
    await writeFile(path.join(dir, `${name}-public.pem`), pair.publicKey.export({ format: 'pem', type: 'spki' }));
  }
  return pair;
}

/** Given PEMs win; otherwise keys are read from `dir`, or created there on first start (in memory when dir is null). */
export async function loadSandboxKeys(dir: string | null, given?: SandboxKeyPems): Promise<SandboxKeys> {
  if (given)
    return {
      antom: pairFrom(given.antomPrivateKey, 'antomPrivateKey'),
      merchant: pairFrom(given.merchantPrivateKey, 'merchantPrivateKey'),
    };
  const [antom, merchant] = await Promise.all([readOrCreate(dir, 'antom'), readOrCreate(dir, 'merchant')]);
  return { antom, merchant };
}
