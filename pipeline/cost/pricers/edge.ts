/** CloudFront (distribution, function, key value store) and S3 buckets. */
import { inUse, line, type Pricer } from '../cost-line.js';
import { PER_UNIT } from '../usage-assumptions.js';

const distribution: Pricer = (c) => {
  const gb = c.traffic?.gbServed ?? 0;
  const requests = c.traffic?.cloudFrontRequests ?? 0;
  return [
    line(
      c,
      'data out to Japan',
      0,
      gb * c.price('cloudFrontGbJapan').usd,
      `${gb} GB served (configured); free tier not subtracted`,
    ),
    line(
      c,
      'HTTPS requests',
      0,
      (requests / 10_000) * c.price('cloudFrontHttpsRequests10k').usd,
      `${Math.round(requests)} requests: ${PER_UNIT.cloudFrontRequestsPerApiCall} per API call`,
    ),
  ];
};

const cloudFrontFunction: Pricer = (c) => {
  const requests = c.traffic?.cloudFrontRequests ?? 0;
  return [
    line(
      c,
      'invocations',
      0,
      (requests / 1e6) * c.price('cloudFrontFunctionMillion').usd,
      'runs on every viewer request',
    ),
  ];
};

const keyValueStore: Pricer = (c) => {
  const requests = c.traffic?.cloudFrontRequests ?? 0;
  return [
    line(
      c,
      'reads',
      0,
      (requests / 1e6) * c.price('cloudFrontKeyValueStoreReadMillion').usd,
      'one read per viewer request',
    ),
  ];
};

const bucket: Pricer = (c) => {
  const used = inUse(c);
  const gb = used ? PER_UNIT.bucketGb : 0;
  const requests = used ? PER_UNIT.bucketRequests : 0;
  const usd =
    gb * c.price('s3StorageGbMonth').usd +
    (requests / 2 / 1000) * (c.price('s3PutThousand').usd + c.price('s3GetThousand').usd);
  return [line(c, 'storage and requests', 0, usd, `${gb} GB stored and ${requests} requests (half writes)`)];
};

export const edgePricers: Readonly<Record<string, Pricer>> = {
  'AWS::CloudFront::Distribution': distribution,
  'AWS::CloudFront::Function': cloudFrontFunction,
  'AWS::CloudFront::KeyValueStore': keyValueStore,
  'AWS::S3::Bucket': bucket,
};
