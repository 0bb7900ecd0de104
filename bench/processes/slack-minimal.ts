/** Floor "ok": the smallest Bolt app in HTTP mode, acknowledging /vllm with "ok". */
import { App } from '@slack/bolt';
import { env, exitOnSignal, fail, ready } from './child.js';

exitOnSignal();
try {
  const app = new App({
    token: env('BENCH_SLACK_BOT_TOKEN'),
    signingSecret: env('BENCH_SLACK_SIGNING_SECRET'),
    clientOptions: { slackApiUrl: `${env('BENCH_SLACK_API')}/` },
  });
  app.command('/vllm', async ({ ack }) => {
    await ack('ok');
  });
  await app.start(Number(env('BENCH_SLACK_PORT')));
  ready();
} catch (error) {
  fail(error);
}
