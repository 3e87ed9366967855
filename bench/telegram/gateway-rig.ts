import { serviceEnvValues } from '@fieldgram/testkit/env';
import { SecretBox } from '@fieldgram/platform';
import { gatewayEnvSchema } from '@fieldgram/bot-gateway/config';
import { createBotGateway, type BotGateway } from '@fieldgram/bot-gateway/service';
import type { TestEnv } from '../lib/env.js';

/** A bot-gateway running in this process against the bench's own servers and sandbox. */
export async function startBenchGateway(
  env: TestEnv,
  overrides: Record<string, string>,
): Promise<BotGateway> {
  const gateway = await createBotGateway(
    gatewayEnvSchema.parse({
      ...serviceEnvValues(env),
      SECRETS_KEY: SecretBox.generateKey(),
      ...overrides,
    }),
    { pollTimeoutSeconds: 1 },
  );
  await gateway.runtime.start();
  return gateway;
}
