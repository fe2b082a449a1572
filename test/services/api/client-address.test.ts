/** The client address the sign-in throttle counts: CloudFront's viewer header, else API Gateway's peer. */
import { describe, expect, it } from 'vitest';
import { clientAddress, UNKNOWN_ADDRESS } from '../../../services/api/client-address.js';

const event = (headers: Record<string, string> | null, sourceIp?: string) =>
  ({ headers, requestContext: { identity: { sourceIp } } }) as unknown as Parameters<typeof clientAddress>[0];

describe('clientAddress', () => {
  it.each([
    ['198.51.100.10:46532', '198.51.100.10'],
    ['2406:2d40:728d:fa10::c4a:42838', '2406:2d40:728d:fa10::c4a'],
    ['[2001:DB8::1]:443', '2001:db8::1'],
  ])('takes CloudFront-Viewer-Address %s without its port: %s', (value, address) => {
    expect(clientAddress(event({ 'CloudFront-Viewer-Address': value }, '130.176.0.7'))).toBe(address);
    expect(clientAddress(event({ 'cloudfront-viewer-address': value }, '130.176.0.7'))).toBe(address);
    expect(clientAddress(event({ 'CLOUDFRONT-VIEWER-ADDRESS': value }, '130.176.0.7'))).toBe(address);
  });

  it('never reads X-Forwarded-For: without the CloudFront header it is API Gateway’s source address', () => {
    const headers = { 'X-Forwarded-For': '10.9.8.7, 198.51.100.10, 130.176.0.7' };
    expect(clientAddress(event(headers, '203.0.113.5'))).toBe('203.0.113.5');
  });

  it('falls back to the source address when the header is not an address, and to unknown without either', () => {
    expect(clientAddress(event({ 'CloudFront-Viewer-Address': 'not-an-ip:80' }, '203.0.113.5'))).toBe(
      '203.0.113.5',
    );
    expect(clientAddress(event(null, undefined))).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(event({}, 'garbage'))).toBe(UNKNOWN_ADDRESS);
  });
});
