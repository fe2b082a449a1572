/** The switch logic against the KeyValueStore SDK's own command and error shapes (aws-sdk-client-mock). */
import {
  CloudFrontKeyValueStoreClient,
  ConflictException,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  PutKeyCommand,
  ResourceNotFoundException,
  UpdateKeysCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { FrontendReleaseError } from '../../../pipeline/frontend/frontend-release-error.js';
import { ReleaseStore } from '../../../pipeline/frontend/release-store.js';

const KVS_ARN = 'arn:aws:cloudfront::222222222222:key-value-store/6f1b1c2e-0000-4000-8000-00000000abcd';
const kvs = mockClient(CloudFrontKeyValueStoreClient);

/** A store holding `keys` at ETag `etag`, answering like the real API (missing key → ResourceNotFoundException). */
function storeHolds(keys: Record<string, string>, etag: string): void {
  kvs.on(DescribeKeyValueStoreCommand).resolves({
    KvsARN: KVS_ARN,
    ETag: etag,
    ItemCount: Object.keys(keys).length,
    TotalSizeInBytes: 64,
    Created: new Date('2026-11-01T00:00:00Z'),
  });
  kvs.on(GetKeyCommand).callsFake((input: { Key: string }) => {
    if (!(input.Key in keys)) {
      throw new ResourceNotFoundException({
        message: `Key ${input.Key} not found`,
        $metadata: { httpStatusCode: 404 },
      });
    }
    return { Key: input.Key, Value: keys[input.Key], ItemCount: 3, TotalSizeInBytes: 64 };
  });
}

const conflict = () =>
  new ConflictException({
    message: 'Pre-condition failed: ETag mismatch',
    $metadata: { httpStatusCode: 409 },
  });

beforeEach(() => kvs.reset());

describe('ReleaseStore', () => {
  it('reads the ETag and the three pointers (absent keys as undefined)', async () => {
    storeHolds({ active: 'aaa111', previous: 'zzz999' }, 'ETAG1');
    const pointers = await new ReleaseStore(new CloudFrontKeyValueStoreClient({}), KVS_ARN).read();
    expect(pointers).toEqual({ etag: 'ETAG1', active: 'aaa111', candidate: undefined, previous: 'zzz999' });
    expect(kvs.commandCalls(DescribeKeyValueStoreCommand)[0]!.args[0].input).toEqual({ KvsARN: KVS_ARN });
  });

  it('switches active in ONE UpdateKeys guarded by the ETag, keeping the replaced release as previous', async () => {
    storeHolds({ active: 'aaa111', candidate: 'bbb222', previous: 'zzz999' }, 'ETAG1');
    kvs.on(UpdateKeysCommand).resolves({ ETag: 'ETAG2', ItemCount: 3, TotalSizeInBytes: 64 });

    const result = await new ReleaseStore(new CloudFrontKeyValueStoreClient({}), KVS_ARN).activate('bbb222');

    expect(result).toEqual({ from: 'aaa111', to: 'bbb222', changed: true });
    const updates = kvs.commandCalls(UpdateKeysCommand);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.args[0].input).toEqual({
      KvsARN: KVS_ARN,
      IfMatch: 'ETAG1',
      Puts: [
        { Key: 'active', Value: 'bbb222' },
        { Key: 'previous', Value: 'aaa111' },
      ],
    });
    expect(kvs.commandCalls(PutKeyCommand)).toHaveLength(0);
  });

  it('on the very first switch there is no previous to keep', async () => {
    storeHolds({ candidate: 'bbb222' }, 'ETAG1');
    kvs.on(UpdateKeysCommand).resolves({ ETag: 'ETAG2', ItemCount: 2, TotalSizeInBytes: 32 });
    const result = await new ReleaseStore(new CloudFrontKeyValueStoreClient({}), KVS_ARN).activate('bbb222');
    expect(result).toEqual({ from: undefined, to: 'bbb222', changed: true });
    expect(kvs.commandCalls(UpdateKeysCommand)[0]!.args[0].input.Puts).toEqual([
      { Key: 'active', Value: 'bbb222' },
    ]);
  });

  it('writes nothing when the release is already active', async () => {
    storeHolds({ active: 'bbb222', previous: 'aaa111' }, 'ETAG1');
    const result = await new ReleaseStore(new CloudFrontKeyValueStoreClient({}), KVS_ARN).activate('bbb222');
    expect(result.changed).toBe(false);
    expect(kvs.commandCalls(UpdateKeysCommand)).toHaveLength(0);
  });

  it('on an ETag conflict re-reads the store and retries with the new ETag and the new active as previous', async () => {
    // Someone switched active to ccc333 between our read and our write.
    let state: { keys: Record<string, string>; etag: string } = { keys: { active: 'aaa111' }, etag: 'ETAG1' };
    kvs.on(DescribeKeyValueStoreCommand).callsFake(() => ({
      KvsARN: KVS_ARN,
      ETag: state.etag,
      ItemCount: 1,
      TotalSizeInBytes: 8,
      Created: new Date(),
    }));
    kvs.on(GetKeyCommand).callsFake((input: { Key: string }) => {
      if (!(input.Key in state.keys))
        throw new ResourceNotFoundException({ message: 'not found', $metadata: {} });
      return { Key: input.Key, Value: state.keys[input.Key], ItemCount: 1, TotalSizeInBytes: 8 };
    });
    kvs
      .on(UpdateKeysCommand)
      .callsFakeOnce(() => {
        state = { keys: { active: 'ccc333', previous: 'aaa111' }, etag: 'ETAG9' };
        throw conflict();
      })
      .resolves({ ETag: 'ETAG10', ItemCount: 2, TotalSizeInBytes: 16 });

    const result = await new ReleaseStore(new CloudFrontKeyValueStoreClient({}), KVS_ARN).activate('bbb222');

    expect(result).toEqual({ from: 'ccc333', to: 'bbb222', changed: true });
    const updates = kvs.commandCalls(UpdateKeysCommand).map((call) => call.args[0].input);
    expect(updates.map((u) => u.IfMatch)).toEqual(['ETAG1', 'ETAG9']);
    expect(updates[1]!.Puts).toEqual([
      { Key: 'active', Value: 'bbb222' },
      { Key: 'previous', Value: 'ccc333' },
    ]);
  });

  it('gives up after the configured attempts with one clear line when conflicts persist', async () => {
    storeHolds({ active: 'aaa111' }, 'ETAG1');
    kvs.on(UpdateKeysCommand).rejects(conflict());
    const store = new ReleaseStore(new CloudFrontKeyValueStoreClient({}), KVS_ARN, { maxAttempts: 2 });
    const failure = store.activate('bbb222');
    await expect(failure).rejects.toBeInstanceOf(FrontendReleaseError);
    await expect(failure).rejects.toThrow(/ETag conflict.*try again/);
    expect(kvs.commandCalls(UpdateKeysCommand)).toHaveLength(2);
  });

  it('does not retry other failures (access denied surfaces as it is)', async () => {
    storeHolds({ active: 'aaa111' }, 'ETAG1');
    const denied = Object.assign(
      new Error('User is not authorized to perform cloudfront-keyvaluestore:UpdateKeys'),
      { name: 'AccessDeniedException' },
    );
    kvs.on(UpdateKeysCommand).rejects(denied);
    await expect(
      new ReleaseStore(new CloudFrontKeyValueStoreClient({}), KVS_ARN).activate('bbb222'),
    ).rejects.toThrow(/not authorized/);
    expect(kvs.commandCalls(UpdateKeysCommand)).toHaveLength(1);
  });

  it('publishes a candidate with PutKey guarded by the ETag, retrying a conflict', async () => {
    storeHolds({ active: 'aaa111' }, 'ETAG1');
    kvs
      .on(PutKeyCommand)
      .rejectsOnce(conflict())
      .resolves({ ETag: 'ETAG2', ItemCount: 2, TotalSizeInBytes: 16 });
    await new ReleaseStore(new CloudFrontKeyValueStoreClient({}), KVS_ARN).publishCandidate('bbb222');
    const puts = kvs.commandCalls(PutKeyCommand).map((call) => call.args[0].input);
    expect(puts).toEqual([
      { KvsARN: KVS_ARN, Key: 'candidate', Value: 'bbb222', IfMatch: 'ETAG1' },
      { KvsARN: KVS_ARN, Key: 'candidate', Value: 'bbb222', IfMatch: 'ETAG1' },
    ]);
    expect(kvs.commandCalls(UpdateKeysCommand)).toHaveLength(0);
  });

  it('refuses a release id the router would refuse, before calling AWS', async () => {
    const store = new ReleaseStore(new CloudFrontKeyValueStoreClient({}), KVS_ARN);
    await expect(store.activate('../etc')).rejects.toThrow(/release id "..\/etc" is not valid/);
    await expect(store.publishCandidate('')).rejects.toBeInstanceOf(FrontendReleaseError);
    expect(kvs.calls()).toHaveLength(0);
  });
});
