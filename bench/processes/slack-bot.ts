/** Our Slack bot: the real startSlack() in HTTP mode, its Web API the fake Slack's. */
import { startSlack } from '../../src/slack/app.js';
import { benchContext } from './bot-context.js';
import { diagnostics, env, exitWithParent, fail, ready } from './child.js';

exitWithParent();
diagnostics();
try {
  const botToken = env('BENCH_SLACK_BOT_TOKEN');
  const signingSecret = env('BENCH_SLACK_SIGNING_SECRET');
  const ctx = benchContext([botToken, signingSecret]);
  await startSlack(
    {
      mode: 'http',
      botToken,
      signingSecret,
      port: Number(env('BENCH_SLACK_PORT')),
      apiUrl: env('BENCH_SLACK_API'),
    },
    ctx,
  );
  ready();
} catch (error) {
  fail(error);
}
