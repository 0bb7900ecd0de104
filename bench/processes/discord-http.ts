/**
 * Shared by the two HTTP-interactions floors: a bare `node:http` server on POST /interactions
 * that checks Discord's Ed25519 signature as our bot does (node:crypto, same headers, same age
 * rule), so a floor pays the same crypto cost, and hands each verified slash command to
 * `answer`, which returns the response body (JSON text).
 */
import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { env, exitOnSignal, fail, ready } from './child.js';

/** Older than this is refused, as our bot refuses it (src/discord/http/signature.ts). */
const MAX_AGE_SECONDS = 5 * 60;

export interface SlashCommand {
  locale?: string;
  data?: { options?: { name: string; value: unknown }[] };
}

function publicKey(hex: string) {
  const x = Buffer.from(hex, 'hex').toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, json: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

export function serveInteractions(answer: (command: SlashCommand) => string): void {
  exitOnSignal();
  try {
    const key = publicKey(env('BENCH_DISCORD_PUBLIC_KEY'));
    const server = createServer((req, res) => {
      void (async () => {
        if (req.method !== 'POST' || req.url !== '/interactions') {
          return send(res, 404, '{"error":"not found"}');
        }
        const body = await readBody(req);
        const signature = req.headers['x-signature-ed25519'];
        const timestamp = req.headers['x-signature-timestamp'];
        if (typeof signature !== 'string' || typeof timestamp !== 'string') {
          return send(res, 401, '{"error":"invalid request signature"}');
        }
        const age = Date.now() / 1000 - Number(timestamp);
        const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
        if (age > MAX_AGE_SECONDS || !verify(null, signed, key, Buffer.from(signature, 'hex'))) {
          return send(res, 401, '{"error":"invalid request signature"}');
        }
        const payload = JSON.parse(body.toString('utf8')) as SlashCommand & { type: number };
        if (payload.type === 1) return send(res, 200, '{"type":1}');
        send(res, 200, answer(payload));
      })().catch(fail);
    });
    server.listen(Number(env('BENCH_DISCORD_HTTP_PORT')), '127.0.0.1', () => ready());
  } catch (error) {
    fail(error);
  }
}
