/**
 * Releases in the site bucket: each build is uploaded once under `releases/<releaseId>/` and never
 * changed afterwards, so any release can be made active again instantly. index.html goes last: a
 * release whose index.html exists is complete.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { HeadObjectCommand, NotFound, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { releasePrefix } from '../../stages/release-routing.js';
import { FrontendReleaseError } from './frontend-release-error.js';
import { assertReleaseId } from './release-store.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

/** Hashed build assets never change; the page itself is revalidated so a switch shows at once. */
export function cacheControlFor(path: string): string {
  if (path.endsWith('.html')) return 'no-cache';
  if (path.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  return 'public, max-age=300';
}

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface UploadResult {
  readonly releaseId: string;
  /** Number of files written; 0 when the release was already complete in the bucket. */
  readonly uploaded: number;
}

export class ReleaseBucket {
  constructor(
    private readonly s3: S3Client,
    /** The edge stack's site bucket (output `SiteBucketName`). */
    readonly bucketName: string,
  ) {}

  /** True when the release's index.html is in the bucket (uploads put it last). */
  async exists(releaseId: string): Promise<boolean> {
    assertReleaseId(releaseId);
    try {
      await this.s3.send(
        new HeadObjectCommand({ Bucket: this.bucketName, Key: `${releasePrefix(releaseId)}index.html` }),
      );
      return true;
    } catch (error) {
      if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return false;
      throw error;
    }
  }

  /** Uploads a built web app (services/web/dist) as the release, unless that release is already complete. */
  async upload(releaseId: string, distDir: string, concurrency = 8): Promise<UploadResult> {
    assertReleaseId(releaseId);
    const files = listFiles(distDir).map((file) => relative(distDir, file).split(sep).join('/'));
    if (!files.includes('index.html')) {
      throw new FrontendReleaseError(
        `${distDir} has no index.html: build the web app first (npm run build:web)`,
      );
    }
    if (await this.exists(releaseId)) return { releaseId, uploaded: 0 };

    const put = (path: string) =>
      this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucketName,
          Key: releasePrefix(releaseId) + path,
          Body: readFileSync(join(distDir, path)),
          ContentType: contentTypeFor(path),
          CacheControl: cacheControlFor(path),
        }),
      );
    const rest = files.filter((path) => path !== 'index.html');
    for (let start = 0; start < rest.length; start += concurrency) {
      await Promise.all(rest.slice(start, start + concurrency).map(put));
    }
    await put('index.html');
    return { releaseId, uploaded: files.length };
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
