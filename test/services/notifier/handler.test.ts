import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SNSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../services/notifier/handler.js';
import { forgetSecrets } from '../../../services/shared/secrets.js';

/** A local stand-in for Slack's incoming webhook: records every body and answers `status`. */
class FakeSlack {
  readonly bodies: unknown[] = [];
  status = 200;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        this.bodies.push({ path: req.url, contentType: req.headers['content-type'], json: JSON.parse(body) });
        res
          .writeHead(this.status, { 'content-type': 'text/plain' })
          .end(this.status === 200 ? 'ok' : 'invalid_payload');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    // Slack webhooks are https; the notifier checks the scheme, so the test reaches this plain
    // server through the secret's value while fetch is pointed here by a URL rewrite below.
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => resolve(data));
  });
}

const alarmMessage = {
  AlarmName: 'goal-mandala-staging-api-auth-errors',
  AlarmDescription: 'Goal Mandala staging: the auth function threw errors',
  AWSAccountId: '222222222222',
  NewStateValue: 'ALARM',
  NewStateReason:
    'Threshold Crossed: 1 datapoint [3.0 (28/11/26 09:00:00)] was greater than or equal to the threshold (1.0).',
  StateChangeTime: '2026-11-28T09:05:00.000+0000',
  Region: 'Asia Pacific (Tokyo)',
  AlarmArn: 'arn:aws:cloudwatch:ap-northeast-1:222222222222:alarm:goal-mandala-staging-api-auth-errors',
  OldStateValue: 'OK',
  Trigger: {
    MetricName: 'Errors',
    Namespace: 'AWS/Lambda',
    Statistic: 'SUM',
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  },
};

function snsEvent(...messages: { subject?: string; message: string }[]): SNSEvent {
  return {
    Records: messages.map(({ subject, message }, i) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:ap-northeast-1:222222222222:alerts:sub',
      Sns: {
        Type: 'Notification',
        MessageId: `m-${i}`,
        TopicArn: 'arn:aws:sns:ap-northeast-1:222222222222:alerts',
        Subject: subject ?? null,
        Message: message,
        Timestamp: '2026-11-28T09:05:00.000Z',
        SignatureVersion: '1',
        Signature: '',
        SigningCertUrl: '',
        UnsubscribeUrl: '',
        MessageAttributes: {},
      },
    })),
  } as unknown as SNSEvent;
}

const secretArn = 'arn:aws:secretsmanager:ap-northeast-1:222222222222:secret:goal-mandala/slack-webhook-url';
const secrets = mockClient(SecretsManagerClient);
const slack = new FakeSlack();
const realFetch = globalThis.fetch;

beforeAll(async () => {
  await slack.start();
  // The secret holds an https URL as Slack's would; this sends its requests to the local server.
  globalThis.fetch = (input, init) =>
    realFetch(String(input).replace('https://hooks.slack.test', slack.url), init);
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await slack.stop();
});
beforeEach(() => {
  process.env.SLACK_WEBHOOK_SECRET_ID = secretArn;
  secrets.reset();
  forgetSecrets();
  slack.bodies.length = 0;
  slack.status = 200;
});
afterEach(() => {
  delete process.env.SLACK_WEBHOOK_SECRET_ID;
});

describe('Slack notifier', () => {
  it('reads the webhook URL by ARN at run time and posts a readable alarm message', async () => {
    secrets
      .on(GetSecretValueCommand, { SecretId: secretArn })
      .resolves({ SecretString: 'https://hooks.slack.test/services/T0/B0/xyz' });

    const result = await handler(snsEvent({ subject: 'ALARM: ...', message: JSON.stringify(alarmMessage) }));

    expect(result).toEqual({ posted: 1 });
    expect(slack.bodies).toHaveLength(1);
    const [body] = slack.bodies as { path: string; contentType: string; json: { text: string } }[];
    expect(body!.path).toBe('/services/T0/B0/xyz');
    expect(body!.contentType).toBe('application/json');
    const text = body!.json.text;
    expect(text).toContain(':rotating_light: *ALARM*');
    expect(text).toContain(
      '<https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#alarmsV2:alarm/goal-mandala-staging-api-auth-errors|goal-mandala-staging-api-auth-errors>',
    );
    expect(text).toContain('(was OK)');
    expect(text).toContain('Goal Mandala staging: the auth function threw errors');
    expect(text).toContain('Watching AWS/Lambda Errors (sum) ≥ 1');
    expect(text).toContain('> Threshold Crossed: 1 datapoint');
    expect(text).not.toContain('{"AlarmName"');
  });

  it('caches the secret across invocations of one container', async () => {
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: 'https://hooks.slack.test/services/T0/B0/xyz' });

    await handler(snsEvent({ message: JSON.stringify(alarmMessage) }));
    await handler(snsEvent({ message: JSON.stringify({ ...alarmMessage, NewStateValue: 'OK' }) }));

    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect((slack.bodies[1] as { json: { text: string } }).json.text).toContain(':white_check_mark: *OK*');
  });

  it('accepts a secret stored as JSON {"url": …} and passes other messages on with their subject', async () => {
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: '{"url":"https://hooks.slack.test/services/T1/B1/abc"}' });

    await handler(snsEvent({ subject: 'Budget', message: 'Actual spend passed 80% of 100 USD' }));

    expect(slack.bodies).toEqual([
      {
        path: '/services/T1/B1/abc',
        contentType: 'application/json',
        json: { text: '*Budget*\nActual spend passed 80% of 100 USD' },
      },
    ]);
  });

  it('fails (so Lambda retries) when Slack rejects the post, without revealing the webhook URL', async () => {
    secrets
      .on(GetSecretValueCommand)
      .resolves({ SecretString: 'https://hooks.slack.test/services/T0/B0/secret-token' });
    slack.status = 400;

    const error = await handler(snsEvent({ message: JSON.stringify(alarmMessage) })).then(
      () => undefined,
      (e: unknown) => e as Error,
    );

    expect(error?.message).toBe('Slack webhook answered HTTP 400');
    expect(String(error?.stack)).not.toContain('secret-token');
  });

  it('refuses a secret that is not an https URL, naming the secret but not its value', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'http://plain.example/hook-value' });

    await expect(handler(snsEvent({ message: 'x' }))).rejects.toThrow(
      `secret ${secretArn} does not hold an https Slack webhook URL`,
    );
    expect(slack.bodies).toHaveLength(0);
  });

  it('names the missing environment variable', async () => {
    delete process.env.SLACK_WEBHOOK_SECRET_ID;
    await expect(handler(snsEvent({ message: 'x' }))).rejects.toThrow(
      'environment variable SLACK_WEBHOOK_SECRET_ID is missing',
    );
  });
});
