import { Agent, request as httpRequest } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import {
  freePort,
  signSlackRequest,
  slashCommandBody,
  startFakeSlack,
  type FakeSlack,
} from '../tests/e2e/fake-slack.js';
import { launch, type Launch, type LaunchOptions } from './launch.js';
import type { Side, Target } from './load.js';
import { askAt, SLACK_USER_LOCALES, slackText, USERS, type Ask } from './workload.js';

const SIGNING_SECRET = 'bench-signing-secret-4b1d9e';
const BOT_TOKEN = 'bench-bot-token-7c2a5f';
const TEAM = 'T0BENCH';
const CHANNEL = 'C0BENCH';
const ANSWER_TIMEOUT_MS = 15_000;

const userId = (n: number) => `U0BENCH${String(n).padStart(3, '0')}`;

/** The fake Slack both apps call (auth.test at start; our bot: users.info, response_urls). */
export interface SlackWorld {
  fake: FakeSlack;
  /** Resolvers of the response_url posts awaited, by response id. */
  waiting: Map<string, () => void>;
  close(): Promise<void>;
}

export async function startSlackWorld(): Promise<SlackWorld> {
  const waiting = new Map<string, () => void>();
  const fake = await startFakeSlack({
    record: false,
    onResponse: (post) => {
      waiting.get(post.id)?.();
      waiting.delete(post.id);
    },
  });
  for (let n = 0; n < USERS; n++) {
    fake.users.set(userId(n), { locale: SLACK_USER_LOCALES[n % SLACK_USER_LOCALES.length]! });
  }
  return { fake, waiting, close: () => fake.close() };
}

export interface SlackSide extends Side {
  /** Request → answer (in the acknowledgement or at the response_url), ms, every request. */
  answers: number[];
  /** One command from each simulated user (outside the mix): our bot then knows every language. */
  greetEveryUser(): Promise<void>;
}

/** The floors find the reply for a command by this key: what decides our bot's answer. */
export const slackKey = (user: string, text: string) => JSON.stringify([user, text]);

interface Ack {
  status: number;
  body: string;
}

function post(agent: Agent, port: number, body: string, headers: Record<string, string>) {
  return new Promise<Ack>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        timeout: ANSWER_TIMEOUT_MS,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
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
    req.on('timeout', () => req.destroy(new Error('no acknowledgement in time')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Starts an app in HTTP mode against the fake Slack. A request is one signed `/vllm` slash
 * command from the shared mix; its latency runs from sending it (signed beforehand) to the
 * complete HTTP acknowledgement. The request is finished only once the app has answered, in
 * the acknowledgement's body or at the response_url: its work after the acknowledgement
 * never overlaps the next measured request, and 16 in flight means 16 unanswered commands.
 * `answers` collects request → answer times (ms) of our bot.
 */
export async function startSlackSide(
  label: string,
  what: Launch,
  world: SlackWorld,
  options: LaunchOptions,
): Promise<SlackSide> {
  const port = await freePort();
  const child = await launch(
    label,
    what,
    what.kind === 'bot'
      ? {
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_PORT: String(port),
          SLACK_API_URL: world.fake.apiUrl,
        }
      : {
          BENCH_SLACK_BOT_TOKEN: BOT_TOKEN,
          BENCH_SLACK_SIGNING_SECRET: SIGNING_SECRET,
          BENCH_SLACK_PORT: String(port),
          BENCH_SLACK_API: world.fake.apiUrl,
        },
    options,
  );
  let agent = new Agent({ keepAlive: true });
  let sent = 0;
  const side: SlackSide = {
    child,
    answers: [],
    async greetEveryUser() {
      // Without `lang:`, or the bot would not need (and not cache) the user's language.
      for (let n = 0; n < USERS; n++) {
        const plain: Ask = { ...askAt(n) };
        delete plain.language;
        await request(plain, n);
      }
    },
    target: undefined as unknown as Target,
    async close() {
      agent.destroy();
      await child.stop();
    },
  };
  let greeted = 0;
  async function request(ask: Ask, asUser?: number): Promise<number> {
    const user = userId(asUser ?? ask.user);
    const text = slackText(ask);
    const id = `${label}-${asUser === undefined ? sent : `greet-${greeted++}`}`;
    const body = slashCommandBody({
      text,
      user_id: user,
      team_id: TEAM,
      channel_id: CHANNEL,
      response_url: world.fake.responseUrl(id),
    });
    const headers = signSlackRequest(SIGNING_SECRET, body);
    let answerNow = () => undefined as void;
    const answered = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        world.waiting.delete(id);
        reject(new Error(`${label}: no answer at the response_url within ${ANSWER_TIMEOUT_MS} ms`));
      }, ANSWER_TIMEOUT_MS);
      answerNow = () => {
        clearTimeout(timer);
        world.waiting.delete(id);
        resolve();
      };
      world.waiting.set(id, answerNow);
    });
    const started = performance.now();
    let ack: Ack;
    try {
      ack = await post(agent, port, body, headers);
    } catch (error) {
      answerNow();
      throw new Error(`${label}: ${(error as Error).message}\n${child.stderr()}`, {
        cause: error,
      });
    }
    const ms = performance.now() - started;
    if (ack.status !== 200) {
      answerNow();
      throw new Error(`${label}: acknowledged with HTTP ${ack.status}: ${ack.body}`);
    }
    // An acknowledgement with a body is the answer itself (Slack shows it as the reply).
    if (ack.body.trim() !== '') {
      answerNow();
      // Keyed by the text as Bolt parses it (node:querystring), as the floor sees it.
      const parsed = parseForm(body).text;
      side.replies?.set(slackKey(user, String(parsed)), JSON.parse(ack.body));
    }
    await answered;
    side.answers.push(performance.now() - started);
    return ms;
  }
  side.target = {
    label,
    pid: child.pid,
    dropIdleConnections() {
      agent.destroy();
      agent = new Agent({ keepAlive: true });
    },
    request: () => request(askAt(sent++)),
  };
  return side;
}
