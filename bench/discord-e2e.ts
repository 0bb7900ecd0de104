import { startFakeDiscord, type FakeDiscord } from '../tests/e2e/fake-discord.js';
import { startChild, type Child } from './children.js';
import type { Target } from './load.js';
import { askAt } from './workload.js';

/** A bot process connected to its own fake Discord (an interaction goes to every session). */
export interface DiscordSide {
  fake: FakeDiscord;
  child: Child;
  target: Target;
  close(): Promise<void>;
}

const userId = (n: number) => String(300_000_000_000_000_000n + BigInt(n));

/**
 * Starts a fake Discord and `processFile` against it. A request is one `/vllm` slash command
 * from the shared mix; its latency runs from dispatching INTERACTION_CREATE (the interaction
 * is built beforehand) to the arrival of the interaction callback at the fake's REST API.
 */
export async function startDiscordSide(
  label: string,
  processFile: string,
  nodeArgs: string[] = [],
): Promise<DiscordSide> {
  const fake = await startFakeDiscord({ recordRequests: false });
  let child: Child;
  try {
    child = await startChild(
      label,
      processFile,
      {
        BENCH_DISCORD_TOKEN: fake.token,
        BENCH_DISCORD_APPLICATION_ID: fake.applicationId,
        BENCH_DISCORD_API: fake.apiUrl,
      },
      nodeArgs,
    );
  } catch (error) {
    await fake.close();
    throw error;
  }
  let sent = 0;
  const target: Target = {
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
        return callback.at - dispatched;
      } catch (error) {
        throw new Error(`${label}: ${(error as Error).message}\n${child.stderr()}`, {
          cause: error,
        });
      }
    },
  };
  return {
    fake,
    child,
    target,
    async close() {
      await child.stop();
      await fake.close();
    },
  };
}
