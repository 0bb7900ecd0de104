/** Our Discord bot: the real startDiscord() against the fake Discord at BENCH_DISCORD_API. */
import { startDiscord } from '../../src/discord/client.js';
import { benchContext } from './bot-context.js';
import { diagnostics, env, exitWithParent, fail, ready } from './child.js';

exitWithParent();
diagnostics();
try {
  const token = env('BENCH_DISCORD_TOKEN');
  const ctx = benchContext([token]);
  await startDiscord(
    {
      token,
      applicationId: env('BENCH_DISCORD_APPLICATION_ID'),
      apiUrl: env('BENCH_DISCORD_API'),
    },
    ctx,
  );
  ready();
} catch (error) {
  fail(error);
}
