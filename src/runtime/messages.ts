/** What an operator sees when no platform is configured. */
export const NO_PLATFORM_MESSAGE = `No chat platform is configured, so there is nothing to connect to.

Set the variables of at least one platform (in the environment or in .env):
  Discord:            DISCORD_TOKEN (DISCORD_APPLICATION_ID is optional, for deploy only)
                      (+ DISCORD_PUBLIC_KEY for HTTP interactions on DISCORD_HTTP_PORT, default 3001)
  Slack, Socket Mode: SLACK_BOT_TOKEN and SLACK_APP_TOKEN
  Slack, HTTP mode:   SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (listens on SLACK_PORT, default 3000)

.env.example lists every variable. To try the bot without any token:
  npm run ask -- deepseek        (installed package: vllm-bot ask deepseek)
`;
