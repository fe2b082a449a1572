/** Release upload against the S3 SDK's shapes: immutable releases, index.html last, caching per file kind. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { cacheControlFor, ReleaseBucket } from '../../../pipeline/frontend/release-bucket.js';
import { tempDir } from '../../helpers/temp-dir.js';

const s3 = mockClient(S3Client);
const notFound = () => new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } });

function builtApp(): string {
  const dir = tempDir('dist-');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html></html>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets', 'index-def.css'), 'body{}');
  writeFileSync(join(dir, 'robots.txt'), 'User-agent: *');
  return dir;
}

beforeEach(() => s3.reset());

describe('ReleaseBucket', () => {
  it('uploads every file under releases/<id>/ with its content type and cache policy, index.html last', async () => {
    s3.on(HeadObjectCommand).rejects(notFound());
    s3.on(PutObjectCommand).resolves({ ETag: '"x"' });

    const result = await new ReleaseBucket(new S3Client({ region: 'ap-northeast-1' }), 'site-bucket').upload(
      'abc123def456',
      builtApp(),
    );

    expect(result).toEqual({ releaseId: 'abc123def456', uploaded: 4 });
    const puts = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(puts.map((put) => put.Key)).toHaveLength(4);
    expect(puts.at(-1)).toMatchObject({
      Bucket: 'site-bucket',
      Key: 'releases/abc123def456/index.html',
      ContentType: 'text/html; charset=utf-8',
      CacheControl: 'no-cache',
    });
    expect(puts.find((put) => put.Key === 'releases/abc123def456/assets/index-abc.js')).toMatchObject({
      ContentType: 'text/javascript; charset=utf-8',
      CacheControl: 'public, max-age=31536000, immutable',
    });
    expect(puts.find((put) => put.Key === 'releases/abc123def456/assets/index-def.css')?.ContentType).toBe(
      'text/css; charset=utf-8',
    );
  });

  it('never rewrites a release that is already complete (releases are immutable)', async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 10 });
    const result = await new ReleaseBucket(new S3Client({ region: 'ap-northeast-1' }), 'site-bucket').upload(
      'abc123def456',
      builtApp(),
    );
    expect(result.uploaded).toBe(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(s3.commandCalls(HeadObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'site-bucket',
      Key: 'releases/abc123def456/index.html',
    });
  });

  it('refuses a folder without index.html, naming the fix', async () => {
    const empty = tempDir('dist-');
    await expect(new ReleaseBucket(new S3Client({}), 'b').upload('abc', empty)).rejects.toThrow(
      /no index.html.*npm run build:web/,
    );
  });

  it('exists() is false only for a missing index.html; other errors surface', async () => {
    const bucket = new ReleaseBucket(new S3Client({ region: 'ap-northeast-1' }), 'site-bucket');
    s3.on(HeadObjectCommand)
      .rejectsOnce(notFound())
      .rejectsOnce(Object.assign(new Error('Forbidden'), { name: 'AccessDenied' }));
    await expect(bucket.exists('abc')).resolves.toBe(false);
    await expect(bucket.exists('abc')).rejects.toThrow('Forbidden');
  });

  it('caches hashed assets for a year and revalidates pages', () => {
    expect(cacheControlFor('index.html')).toBe('no-cache');
    expect(cacheControlFor('assets/index-abc.js')).toContain('immutable');
    expect(cacheControlFor('robots.txt')).toBe('public, max-age=300');
  });
});
