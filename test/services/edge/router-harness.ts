/**
 * Runs the real CloudFront Function source in node: `import cf from 'cloudfront'` is bound to a stub whose
 * `kvs(id).get(key)` reads a plain object and rejects for a missing key, as CloudFront's does.
 */
import { releaseRouterCode } from '../../../stages/private/release-router-code.js';

export interface FunctionRequest {
  method: string;
  uri: string;
  querystring: Record<string, { value: string }>;
  headers: Record<string, { value: string }>;
  cookies: Record<string, { value: string }>;
}
export interface FunctionResponse {
  statusCode: number;
  statusDescription?: string;
  headers: Record<string, { value: string }>;
  body: { encoding: string; data: string };
}
export type RouterHandler = (event: unknown) => Promise<FunctionRequest | FunctionResponse>;

export const STORE_ID = '6f1b1c2e-0000-4000-8000-00000000abcd';

export function loadRouter(keys: Record<string, string>): {
  handler: RouterHandler;
  openedStores: string[];
  reads: string[];
} {
  const openedStores: string[] = [];
  const reads: string[] = [];
  const cf = {
    kvs(id: string) {
      openedStores.push(id);
      return {
        async get(key: string): Promise<string> {
          reads.push(key);
          if (!(key in keys)) throw new Error(`The key ${key} does not exist in the store`);
          return keys[key]!;
        },
      };
    },
  };
  const body = releaseRouterCode(STORE_ID).replace("import cf from 'cloudfront';", '');
  const handler = new Function('cf', `${body}\nreturn handler;`)(cf) as RouterHandler;
  return { handler, openedStores, reads };
}

export function viewerRequest(
  uri: string,
  extra: Partial<Pick<FunctionRequest, 'headers' | 'cookies'>> = {},
) {
  return {
    version: '1.0',
    context: {
      distributionDomainName: 'd111111abcdef8.cloudfront.net',
      eventType: 'viewer-request',
      requestId: 'r1',
    },
    viewer: { ip: '192.0.2.10' },
    request: {
      method: 'GET',
      uri,
      querystring: {},
      headers: extra.headers ?? {},
      cookies: extra.cookies ?? {},
    },
  };
}

export function isResponse(value: FunctionRequest | FunctionResponse): value is FunctionResponse {
  return 'statusCode' in value;
}
