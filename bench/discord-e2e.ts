import { startFakeDiscord, type FakeDiscord } from '../tests/e2e/fake-discord.js';
import type { Child } from './children.js';
import { launch, type Launch, type LaunchOptions } from './launch.js';
import type { Side, Target } from './load.js';
import { askAt, type Ask } from './workload.js';

const userId = (n: number) => String(300_000_000_000_000_000n + BigInt(n));

/** The floors find the reply for a command by this key: what decides our bot's answer. */
export const discordKey = (ask: Ask) =>
  JSON.stringify([ask.locale, ask.query, ask.language ?? null, ask.private]);

/**
 * Starts a fake Discord and a bot process against it. A request is one `/vllm` slash command
 * from the shared mix; its latency runs from dispatching INTERACTION_CREATE (the interaction
 * is built beforehand) to the arrival of the interaction callback at the fake's REST API.
 */
export async function startDiscordSide(
  label: string,
  what: Launch,
  options: LaunchOptions,
): Promise<Side & { fake: FakeDiscord }> {
  const fake = await startFakeDiscord({ recordRequests: false });
  let child: Child;
  try {
    const env: Record<string, string> =
      what.kind === 'bot'
        ? {
            DISCORD_TOKEN: fake.token,
            DISCORD_APPLICATION_ID: fake.applicationId,
            DISCORD_API_URL: fake.apiUrl,
          }
        : {
            BENCH_DISCORD_TOKEN: fake.token,
            BENCH_DISCORD_APPLICATION_ID: fake.applicationId,
            BENCH_DISCORD_API: fake.apiUrl,
          };
    child = await launch(label, what, env, options);
  } catch (error) {
    await fake.close();
    throw error;
  }
  let sent = 0;
  const side: Side & { fake: FakeDiscord } = {
    fake,
    child,
    target: undefined as unknown as Target,
    async close() {
      await child.stop();
      await fake.close();
    },
  };
  side.target = {
    label,
    pid: child.pid,
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
      const dispatched = performance.now();
      try {
        const callback = await fake.interact(interaction, 15_000);
        const ms = callback.at - dispatched;
        if (side.replies) {
          const body = callback.body as { type: number; data?: unknown };
          side.replies.set(discordKey(ask), body.data);
        }
        return ms;
      } catch (error) {
        throw new Error(`${label}: ${(error as Error).message}\n${child.stderr()}`, {
          cause: error,
        });
      }
    },
  };
  return side;
}
