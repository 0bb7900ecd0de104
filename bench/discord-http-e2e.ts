import { Agent, request as httpRequest } from 'node:http';
import { startFakeDiscord, type FakeDiscord } from '../tests/e2e/fake-discord.js';
import { freePort } from '../tests/e2e/fake-slack.js';
import type { Child } from './children.js';
import { discordKey } from './discord-e2e.js';
import { launch, type Launch, type LaunchOptions } from './launch.js';
import type { Side, Target } from './load.js';
import { askAt } from './workload.js';

const ANSWER_TIMEOUT_MS = 15_000;

const userId = (n: number) => String(300_000_000_000_000_000n + BigInt(n));

interface Response {
  status: number;
  body: string;
}

function post(agent: Agent, port: number, body: string, headers: Record<string, string>) {
  return new Promise<Response>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/interactions',
        method: 'POST',
        agent,
        timeout: ANSWER_TIMEOUT_MS,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no response in time')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Starts a fake Discord (its REST API, and the application's Ed25519 key pair) and a bot
 * serving HTTP interactions. A request is one `/vllm` slash command from the shared mix,
 * built and signed beforehand as Discord signs it; its latency runs from sending the POST to
 * the complete HTTP response, which is the interaction's answer.
 */
export async function startDiscordHttpSide(
  label: string,
  what: Launch,
  options: LaunchOptions,
): Promise<Side & { fake: FakeDiscord }> {
  const fake = await startFakeDiscord({ recordRequests: false });
  const port = await freePort();
  let child: Child;
  try {
    const env: Record<string, string> =
      what.kind === 'bot'
        ? {
            DISCORD_TOKEN: fake.token,
            DISCORD_APPLICATION_ID: fake.applicationId,
            DISCORD_API_URL: fake.apiUrl,
            DISCORD_PUBLIC_KEY: fake.publicKey,
            DISCORD_HTTP_PORT: String(port),
          }
        : { BENCH_DISCORD_PUBLIC_KEY: fake.publicKey, BENCH_DISCORD_HTTP_PORT: String(port) };
    child = await launch(label, what, env, options);
  } catch (error) {
    await fake.close();
    throw error;
  }
  let agent = new Agent({ keepAlive: true });
  let sent = 0;
  const side: Side & { fake: FakeDiscord } = {
    fake,
    child,
    target: undefined as unknown as Target,
    async close() {
      agent.destroy();
      await child.stop();
      await fake.close();
    },
  };
  side.target = {
    label,
    pid: child.pid,
    dropIdleConnections() {
      agent.destroy();
      agent = new Agent({ keepAlive: true });
    },
    async request() {
      const ask = askAt(sent++);
      const interaction = fake.slashCommand(
        {
          provider: ask.query,
          ...(ask.language ? { language: ask.language } : {}),
          ...(ask.private ? { private: true } : {}),
        },
        { locale: ask.locale, userId: userId(ask.user) },
      );
      const body = JSON.stringify(interaction.payload);
      const headers = fake.signatureHeaders(body);
      const started = performance.now();
      let response: Response;
      try {
        response = await post(agent, port, body, headers);
      } catch (error) {
        throw new Error(`${label}: ${(error as Error).message}\n${child.stderr()}`, {
          cause: error,
        });
      }
      const ms = performance.now() - started;
      if (response.status !== 200) {
        throw new Error(`${label}: answered HTTP ${response.status}: ${response.body}`);
      }
      // The whole response body: the floor sends it back byte for byte.
      side.replies?.set(discordKey(ask), JSON.parse(response.body));
      return ms;
    },
  };
  return side;
}
