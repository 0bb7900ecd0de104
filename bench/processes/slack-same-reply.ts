/**
 * Floor "same reply": the smallest Bolt app in HTTP mode that acknowledges each /vllm with
 * the very message our bot put in its acknowledgement for the same user and text (captured
 * by the benchmark once every user's language was known to our bot). What our bot costs
 * beyond this is its own work.
 */
import { App, type RespondArguments } from '@slack/bolt';
import { env, exitOnSignal, fail, ready, replies } from './child.js';

exitOnSignal();
try {
  const payloads = replies();
  const app = new App({
    token: env('BENCH_SLACK_BOT_TOKEN'),
    signingSecret: env('BENCH_SLACK_SIGNING_SECRET'),
    clientOptions: { slackApiUrl: `${env('BENCH_SLACK_API')}/` },
  });
  app.command('/vllm', async ({ ack, command }) => {
    const key = JSON.stringify([command.user_id, command.text]);
    const message = payloads.get(key) as RespondArguments | undefined;
    await ack(message ?? `no captured reply for ${key}`);
  });
  await app.start(Number(env('BENCH_SLACK_PORT')));
  ready();
} catch (error) {
  fail(error);
}
