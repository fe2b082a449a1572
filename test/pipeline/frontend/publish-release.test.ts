/** Publishing a candidate: a real build of the web app, uploaded and pointed at through the SDKs' shapes. */
import {
  CloudFrontKeyValueStoreClient,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  PutKeyCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { publishRelease } from '../../../pipeline/frontend/publish-release.js';
import { ReleaseBucket } from '../../../pipeline/frontend/release-bucket.js';
import { ReleaseStore } from '../../../pipeline/frontend/release-store.js';
import { assetUrls, releaseOf } from '../../../pipeline/frontend/release-smoke-test.js';

const KVS_ARN = 'arn:aws:cloudfront::222222222222:key-value-store/6f1b1c2e-0000-4000-8000-00000000abcd';
const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const s3 = mockClient(S3Client);
const kvs = mockClient(CloudFrontKeyValueStoreClient);

beforeEach(() => {
  s3.reset();
  kvs.reset();
  kvs
    .on(DescribeKeyValueStoreCommand)
    .resolves({ KvsARN: KVS_ARN, ETag: 'E1', ItemCount: 1, TotalSizeInBytes: 8, Created: new Date() });
  kvs.on(GetKeyCommand).callsFake((input: { Key: string }) => {
    if (input.Key !== 'active') throw new ResourceNotFoundException({ message: 'not found', $metadata: {} });
    return { Key: 'active', Value: 'fedcba987654', ItemCount: 1, TotalSizeInBytes: 8 };
  });
  kvs.on(PutKeyCommand).resolves({ ETag: 'E2', ItemCount: 2, TotalSizeInBytes: 16 });
});

const targets = () => ({
  bucket: new ReleaseBucket(new S3Client({ region: 'ap-northeast-1' }), 'site-bucket'),
  store: new ReleaseStore(new CloudFrontKeyValueStoreClient({ region: 'us-east-1' }), KVS_ARN),
});

describe('publishRelease', () => {
  it('uploads a build whose page names the release and loads assets from the release path, then sets candidate', async () => {
    s3.on(HeadObjectCommand).rejects(new NotFound({ message: 'Not Found', $metadata: {} }));
    s3.on(PutObjectCommand).resolves({});

    const result = await publishRelease(COMMIT, targets());

    const puts = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(result).toMatchObject({ releaseId: COMMIT, uploaded: puts.length, bucketName: 'site-bucket' });
    expect(puts.every((put) => put.Key!.startsWith(`releases/${COMMIT}/`))).toBe(true);
    const index = puts.at(-1)!;
    expect(index.Key).toBe(`releases/${COMMIT}/index.html`);
    const html = Buffer.from(index.Body as Uint8Array).toString('utf8');
    expect(releaseOf(html)).toBe(COMMIT);
    const assets = assetUrls(html);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      expect(asset.startsWith(`/releases/${COMMIT}/assets/`)).toBe(true);
      expect(puts.map((put) => `/${put.Key}`)).toContain(asset);
    }
    expect(kvs.commandCalls(PutKeyCommand)[0]!.args[0].input).toEqual({
      KvsARN: KVS_ARN,
      Key: 'candidate',
      Value: COMMIT,
      IfMatch: 'E1',
    });
    // The build settings do not leak into the process.
    expect(process.env.RELEASE_BASE).toBeUndefined();
  });

  it('a release already in the bucket is not uploaded again, but still becomes the candidate', async () => {
    s3.on(HeadObjectCommand).resolves({});
    const result = await publishRelease(COMMIT, targets());
    expect(result.uploaded).toBe(0);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(kvs.commandCalls(PutKeyCommand)).toHaveLength(1);
  });
});
