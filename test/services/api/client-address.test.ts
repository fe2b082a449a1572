/**
 * The client address the sign-in throttle counts: CloudFront's viewer header when the request carries
 * CloudFront's origin-verify secret, else API Gateway's peer.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clientAddress, UNKNOWN_ADDRESS } from '../../../services/api/client-address.js';
import { ORIGIN_VERIFY_HEADER } from '../../../services/api/origin-verify.js';

const secret = vi.hoisted(() => ({
  arn: 'arn:aws:secretsmanager:ap-northeast-1:111111111111:secret:Staging-Api/OriginVerify-AbCdEf',
  value: 'originVerifyTestValue0123456789abcdefABCDEF',
  reads: 0,
}));
vi.mock('../../../services/shared/secrets.js', () => ({
  getSecretString: async (arn: string) => {
    secret.reads++;
    if (arn !== secret.arn) throw new Error(`no secret ${arn} in this test`);
    return secret.value;
  },
  forgetSecrets: () => {},
}));

const event = (headers: Record<string, string> | null, sourceIp?: string) =>
  ({ headers, requestContext: { identity: { sourceIp } } }) as unknown as Parameters<typeof clientAddress>[0];
/** What CloudFront sends the API: the viewer's address and its origin-verify header. */
const viaCloudFront = (viewerAddress: string, headerName = 'CloudFront-Viewer-Address') => ({
  [headerName]: viewerAddress,
  [ORIGIN_VERIFY_HEADER]: secret.value,
});

beforeEach(() => {
  secret.reads = 0;
});

describe('clientAddress', () => {
  it.each([
    ['198.51.100.10:46532', '198.51.100.10'],
    ['2406:2d40:728d:fa10::c4a:42838', '2406:2d40:728d:fa10::c4a'],
    ['[2001:DB8::1]:443', '2001:db8::1'],
  ])('takes CloudFront-Viewer-Address %s without its port: %s', async (value, address) => {
    for (const name of [
      'CloudFront-Viewer-Address',
      'cloudfront-viewer-address',
      'CLOUDFRONT-VIEWER-ADDRESS',
    ]) {
      expect(await clientAddress(event(viaCloudFront(value, name), '130.176.0.7'), secret.arn)).toBe(address);
    }
  });

  it('reads the origin-verify header whatever its case', async () => {
    const headers = { 'CloudFront-Viewer-Address': '198.51.100.10:1', 'x-origin-verify': secret.value };
    expect(await clientAddress(event(headers, '130.176.0.7'), secret.arn)).toBe('198.51.100.10');
  });

  it.each([
    ['no origin-verify header', undefined],
    ['an empty one', ''],
    ['a wrong value of the same length', secret.value.replace(/.$/, '#')],
    ['the value with a character more', `${secret.value}x`],
    ['a prefix of the value', secret.value.slice(0, 10)],
  ])('ignores CloudFront-Viewer-Address with %s: the source address counts', async (_, verify) => {
    const headers = {
      'CloudFront-Viewer-Address': '198.51.100.10:46532',
      ...(verify !== undefined && { [ORIGIN_VERIFY_HEADER]: verify }),
    };
    expect(await clientAddress(event(headers, '203.0.113.5'), secret.arn)).toBe('203.0.113.5');
  });

  it('trusts no header when no origin-verify secret is configured (local stack): the source address counts', async () => {
    expect(await clientAddress(event(viaCloudFront('198.51.100.10:46532'), '203.0.113.5'), undefined)).toBe(
      '203.0.113.5',
    );
    expect(secret.reads).toBe(0);
  });

  it('reads no secret for a request without a viewer address', async () => {
    expect(
      await clientAddress(event({ [ORIGIN_VERIFY_HEADER]: secret.value }, '203.0.113.5'), secret.arn),
    ).toBe('203.0.113.5');
    expect(secret.reads).toBe(0);
  });

  it('never reads X-Forwarded-For: without the CloudFront header it is API Gateway’s source address', async () => {
    const headers = { 'X-Forwarded-For': '10.9.8.7, 198.51.100.10, 130.176.0.7' };
    expect(await clientAddress(event(headers, '203.0.113.5'), secret.arn)).toBe('203.0.113.5');
  });

  it('falls back to the source address when the header is not an address, and to unknown without either', async () => {
    expect(await clientAddress(event(viaCloudFront('not-an-ip:80'), '203.0.113.5'), secret.arn)).toBe(
      '203.0.113.5',
    );
    expect(await clientAddress(event(null, undefined), secret.arn)).toBe(UNKNOWN_ADDRESS);
    expect(await clientAddress(event({}, 'garbage'), secret.arn)).toBe(UNKNOWN_ADDRESS);
  });
});
