/**
 * The release pointers in the CloudFront KeyValueStore the release router reads: `active` (what viewers
 * get), `candidate` (what the preview header/cookie gets) and `previous` (the release `active` replaced,
 * kept for switching back). Every write is guarded by the store's ETag (IfMatch), so a switch never
 * overwrites a change it did not see; on a conflict it re-reads and tries again, a bounded number of times.
 */
// The KeyValueStore API is signed with SigV4A; this registers the CRT signer the SDK needs for it.
import '@aws-sdk/signature-v4-crt';
import {
  type CloudFrontKeyValueStoreClient,
  ConflictException,
  DescribeKeyValueStoreCommand,
  GetKeyCommand,
  PutKeyCommand,
  ResourceNotFoundException,
  UpdateKeysCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { RELEASE_ID_PATTERN, RELEASE_POINTERS } from '../../stages/release-routing.js';
import { FrontendReleaseError } from './frontend-release-error.js';

export interface ReleasePointers {
  readonly active?: string;
  readonly candidate?: string;
  readonly previous?: string;
  /** The store's ETag when the pointers were read. */
  readonly etag: string;
}

export interface SwitchResult {
  /** The active release before the switch (now `previous`), if there was one. */
  readonly from?: string;
  readonly to: string;
  /** False when `to` was already active (nothing written). */
  readonly changed: boolean;
}

export interface ReleaseStoreOptions {
  /** Attempts before giving up when the store keeps changing underneath (ETag conflicts). @default 3 */
  readonly maxAttempts?: number;
}

export function assertReleaseId(releaseId: string): void {
  if (!RELEASE_ID_PATTERN.test(releaseId)) {
    throw new FrontendReleaseError(
      `release id "${releaseId}" is not valid: use letters, digits, '.', '_' or '-' (at most 64), e.g. a git commit`,
    );
  }
}

export class ReleaseStore {
  private readonly maxAttempts: number;

  constructor(
    private readonly client: CloudFrontKeyValueStoreClient,
    /** ARN of the edge stack's KeyValueStore (output `ReleaseStoreArn`). */
    readonly kvsArn: string,
    options: ReleaseStoreOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  /** The ETag first, then the keys: a write guarded by this ETag fails if anything changed since. */
  async read(): Promise<ReleasePointers> {
    const described = await this.client.send(new DescribeKeyValueStoreCommand({ KvsARN: this.kvsArn }));
    if (!described.ETag)
      throw new FrontendReleaseError(`release store ${this.kvsArn} answered without an ETag`);
    const [active, candidate, previous] = await Promise.all([
      this.getKey(RELEASE_POINTERS.active),
      this.getKey(RELEASE_POINTERS.candidate),
      this.getKey(RELEASE_POINTERS.previous),
    ]);
    return { etag: described.ETag, active, candidate, previous };
  }

  /** Points `candidate` at the release (what the preview header/cookie serves). */
  async publishCandidate(releaseId: string): Promise<void> {
    assertReleaseId(releaseId);
    await this.withRetry(async () => {
      const pointers = await this.read();
      if (pointers.candidate === releaseId) return;
      await this.client.send(
        new PutKeyCommand({
          KvsARN: this.kvsArn,
          Key: RELEASE_POINTERS.candidate,
          Value: releaseId,
          IfMatch: pointers.etag,
        }),
      );
    });
  }

  /** Switches `active` to the release in one guarded write, keeping the replaced release as `previous`. */
  async activate(releaseId: string): Promise<SwitchResult> {
    assertReleaseId(releaseId);
    return this.withRetry(async () => {
      const pointers = await this.read();
      if (pointers.active === releaseId) return { from: pointers.active, to: releaseId, changed: false };
      await this.client.send(
        new UpdateKeysCommand({
          KvsARN: this.kvsArn,
          IfMatch: pointers.etag,
          Puts: [
            { Key: RELEASE_POINTERS.active, Value: releaseId },
            ...(pointers.active ? [{ Key: RELEASE_POINTERS.previous, Value: pointers.active }] : []),
          ],
        }),
      );
      return { from: pointers.active, to: releaseId, changed: true };
    });
  }

  private async getKey(key: string): Promise<string | undefined> {
    try {
      const answer = await this.client.send(new GetKeyCommand({ KvsARN: this.kvsArn, Key: key }));
      return answer.Value;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined; // key never written
      throw error;
    }
  }

  private async withRetry<T>(attempt: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
        if (tries >= this.maxAttempts) {
          throw new FrontendReleaseError(
            `release store changed during each of ${tries} attempts (ETag conflict): another switch is running; try again`,
          );
        }
      }
    }
  }
}
